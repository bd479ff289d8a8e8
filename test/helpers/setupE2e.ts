// Each test starts a real n8n CLI (about 10 s per command on two cores).
jest.setTimeout(600_000);
