import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium, started as this machine allows (the flags a closed network needs: nothing may call home). */
export const launch = (): Promise<Browser> =>
	chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
