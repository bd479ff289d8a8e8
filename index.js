// n8n loads nodes and credentials from the paths in package.json's "n8n" section; this entry point
// only exposes the engine for scripts that drive it outside n8n (benchmarks, the demo).
module.exports = require('./dist/nodes/engine');
