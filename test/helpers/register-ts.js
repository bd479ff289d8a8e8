// Lets a child process started by a test `require()` the TypeScript sources directly (no build
// step between editing and testing): each .ts file is transpiled to CommonJS as it loads. The
// output is cached by content hash, so later children never load the compiler: a child holding
// TypeScript's 100 MB of heap paused 40-50 ms for each garbage collection while it sent at a
// measured rate, and a receiver saw N + 1 messages in a second.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const CACHE = path.join(__dirname, '../../node_modules/.cache/sales-engine-ts');
let ts;

function transpile(source, filename) {
	ts ??= require('typescript');
	return ts.transpileModule(source, {
		compilerOptions: {
			module: ts.ModuleKind.CommonJS,
			target: ts.ScriptTarget.ES2022,
			esModuleInterop: true,
		},
		fileName: filename,
	}).outputText;
}

require.extensions['.ts'] = (module, filename) => {
	const source = fs.readFileSync(filename, 'utf8');
	const key = crypto.createHash('sha1').update(filename).update('\0').update(source).digest('hex');
	const cached = path.join(CACHE, `${key}.js`);
	let output;
	try {
		output = fs.readFileSync(cached, 'utf8');
	} catch {
		output = transpile(source, filename);
		fs.mkdirSync(CACHE, { recursive: true });
		// Written under a unique name, then renamed: children starting together never read half a file.
		const temporary = `${cached}.${process.pid}.tmp`;
		fs.writeFileSync(temporary, output);
		fs.renameSync(temporary, cached);
	}
	module._compile(output, filename);
};
