import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { SAMPLE_DIR, sampleFiles } from '../helpers/sampleMail';

/**
 * workflows/sample ships mail files a user can upload to the campaign form; they are made from
 * campaign.json (the sample run's data). UPDATE_SAMPLES=1 rewrites them after a change there.
 */
describe('the sample mail files', () => {
	it.each(Object.entries(sampleFiles()))('%s is up to date with campaign.json', (name, content) => {
		const path = join(SAMPLE_DIR, name);
		if (process.env.UPDATE_SAMPLES === '1') writeFileSync(path, content);
		expect(readFileSync(path, 'utf8')).toBe(content);
	});
});
