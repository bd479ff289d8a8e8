import { lazy } from '../../nodes/engine/util/lazy';

describe('lazy', () => {
	it('makes the value once, on first use, and shares it', async () => {
		let made = 0;
		const value = lazy(async () => ({ n: ++made }));
		expect(made).toBe(0);
		expect(value.made()).toBeUndefined();
		const [a, b] = await Promise.all([value.get(), value.get()]);
		expect(a).toBe(b);
		expect(made).toBe(1);
		expect(value.made()).toBe(a);
	});

	it('does not keep a failure: the next use tries again', async () => {
		let attempts = 0;
		const value = lazy(async () => {
			if (++attempts === 1) throw new Error('not yet');
			return 'ready';
		});
		await expect(value.get()).rejects.toThrow('not yet');
		expect(value.made()).toBeUndefined();
		await expect(value.get()).resolves.toBe('ready');
		expect(attempts).toBe(2);
	});
});

describe('the engine loads provider SDKs only when they are used', () => {
	const sdks = [
		'imapflow',
		'@googleapis/gmail',
		'@aws-sdk/client-s3',
		'@aws-sdk/client-sesv2',
		'@sendgrid/mail',
		'@sendgrid/client',
	];

	it('imports the engine without loading any of them', async () => {
		await jest.isolateModulesAsync(async () => {
			for (const sdk of sdks) {
				jest.doMock(sdk, () => {
					throw new Error(`${sdk} was loaded with the engine`);
				});
			}
			await expect(import('../../nodes/engine')).resolves.toHaveProperty('ingestMessages');
		});
	});
});
