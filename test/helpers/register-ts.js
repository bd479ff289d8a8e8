// Lets a child process started by a test `require()` the TypeScript sources directly (no build
// step between editing and testing): each .ts file is transpiled to CommonJS as it loads. The
// output is cached by content hash, so later children never load the compiler: a child holding
// TypeScript's 100 MB of heap paused 40-50 ms for each garbage collection while it sent at a
// measured rate, and a receiver saw N + 1 messages in a second.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { threadId } = require('node:worker_threads');

// The parser pool's workers, started from the sources, load this module by this name.
process.env.SALES_ENGINE_TS_REGISTER = __filename;

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
		// Written under a name unique to this process *and thread* (the ingest's parser workers share
		// their parent's pid), then renamed: no two writers share a temporary file, and a reader never
		// sees half a file. Losing the rename to another writer of the same output is fine.
		const temporary = `${cached}.${process.pid}.${threadId}.${crypto.randomBytes(4).toString('hex')}.tmp`;
		fs.writeFileSync(temporary, output);
		try {
			fs.renameSync(temporary, cached);
		} catch {
			fs.rmSync(temporary, { force: true });
		}
	}
	module._compile(output, filename);
};
