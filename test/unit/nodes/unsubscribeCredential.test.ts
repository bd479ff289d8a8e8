import type { ICredentialsDecrypted, ICredentialTestFunctions } from 'n8n-workflow';

import { salesEngineUnsubscribeTest } from '../../../nodes/SalesSender/actions/unsubscribeCredential';
import { TEMPLATE_SECRET } from '../../../nodes/engine';

const test = (data: object) =>
	salesEngineUnsubscribeTest.call(
		{} as ICredentialTestFunctions,
		{
			id: '1',
			name: 'Sales Engine unsubscribe',
			type: 'salesEngineUnsubscribeApi',
			data,
		} as ICredentialsDecrypted,
	);

describe("the Sales Engine Unsubscribe credential's test", () => {
	const url = 'https://n8n.example.com/webhook/sales-engine/unsubscribe';

	it('passes an https URL with a long random secret', async () => {
		expect(
			await test({ unsubscribeUrl: url, secret: 'k3J9x2Lq8vN4mP7sT1wZr6Yb0Hc5Jd8Fs2Ga7Ue4Io' }),
		).toMatchObject({
			status: 'OK',
		});
	});

	it.each([
		[
			{
				unsubscribeUrl: 'http://n8n.example.com/u',
				secret: 'k3J9x2Lq8vN4mP7sT1wZr6Yb0Hc5Jd8Fs2Ga7Ue4Io',
			},
			/https/,
		],
		[{ unsubscribeUrl: url, secret: 'short' }, /at least 16 characters/],
		[{ unsubscribeUrl: url, secret: TEMPLATE_SECRET }, /placeholder/],
		[{}, /https/],
	])('says what is wrong with %o', async (data, message) => {
		const result = await test(data);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(message);
	});
});
