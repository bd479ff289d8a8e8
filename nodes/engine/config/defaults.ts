import { homedir } from 'node:os';
import { join } from 'node:path';

import type { StoreConfig } from './StoreConfig';

/**
 * The embedded default lives in n8n's own user folder (`N8N_USER_FOLDER`/.n8n, as n8n resolves it),
 * so a single n8n instance needs no server and no account. `SALES_ENGINE_DATA_DIR` overrides it.
 */
export function defaultDataFolder(env: NodeJS.ProcessEnv = process.env): string {
	if (env.SALES_ENGINE_DATA_DIR) return env.SALES_ENGINE_DATA_DIR;
	return join(env.N8N_USER_FOLDER ?? homedir(), '.n8n', 'sales-engine');
}

export function defaultStoreConfig(env: NodeJS.ProcessEnv = process.env): StoreConfig {
	const root = defaultDataFolder(env);
	return {
		database: { kind: 'embedded', folder: join(root, 'db') },
		objects: { kind: 'local', folder: join(root, 'objects') },
	};
}
