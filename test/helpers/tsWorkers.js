// Worker threads started from the TypeScript sources (the parser pool under test) load this module
// first, so they can require() .ts the way their parent does; the engine itself names no test file.
process.env.SALES_ENGINE_TS_REGISTER = require('node:path').join(__dirname, 'register-ts.js');
