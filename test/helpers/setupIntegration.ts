// PGlite boots a WASM Postgres and the e2e starts n8n: both take seconds, not milliseconds.
jest.setTimeout(120_000);
