import type { INodeProperties } from 'n8n-workflow';

import { description } from '../../../nodes/SalesSender/actions/campaign/send.operation';
import { sendingSetup } from '../../../nodes/SalesSender/actions/campaign/sendingSetup';
import * as sendPlacement from '../../../nodes/SalesSender/actions/campaign/sendPlacementTest.operation';
import * as readPlacement from '../../../nodes/SalesSender/actions/incomingMail/readPlacement.operation';
import { PLACEMENT_DEFAULTS } from '../../../nodes/engine/send/placement/placementTest';
import { SEND_DEFAULTS } from '../../../nodes/engine/send/sendDefaults';

/** Every parameter under `list`, nested in collections and fixed collections, by name. */
function byName(list: INodeProperties[]): Map<string, unknown> {
	const found = new Map<string, unknown>();
	const visit = (items: unknown[]) => {
		for (const item of items as Array<INodeProperties & { values?: unknown[] }>) {
			if (item.name && 'default' in item) found.set(item.name, item.default);
			if (Array.isArray(item.options)) visit(item.options);
			if (Array.isArray(item.values)) visit(item.values);
		}
	};
	visit(list);
	return found;
}

describe('the sender defaults', () => {
	// n8n's node linter wants literal defaults on the canvas; this keeps them the engine's.
	it('are the same on the canvas as in the engine', () => {
		const canvas = byName([...description, ...sendingSetup]);
		expect({
			errorBurst: canvas.get('errorBurst'),
			bounceRate: canvas.get('bounceRate'),
			batchSize: canvas.get('batchSize'),
			concurrency: canvas.get('concurrency'),
			timeBudgetSeconds: canvas.get('timeBudgetSeconds'),
			perDay: canvas.get('perDay'),
			days: canvas.get('days'),
			startHour: canvas.get('startHour'),
			endHour: canvas.get('endHour'),
			defaultTimezone: canvas.get('defaultTimezone'),
		}).toEqual({
			errorBurst: SEND_DEFAULTS.autoPause.errorBurst,
			bounceRate: SEND_DEFAULTS.autoPause.bounceRate,
			batchSize: SEND_DEFAULTS.batchSize,
			concurrency: SEND_DEFAULTS.concurrency,
			timeBudgetSeconds: SEND_DEFAULTS.timeBudgetSeconds,
			perDay: SEND_DEFAULTS.mailboxPerDay,
			days: SEND_DEFAULTS.window.days,
			startHour: SEND_DEFAULTS.window.startHour,
			endHour: SEND_DEFAULTS.window.endHour,
			defaultTimezone: SEND_DEFAULTS.window.defaultTimezone,
		});
	});
});

describe('the placement test defaults', () => {
	it('are the same on the canvas as in the engine', () => {
		const canvas = byName([...sendPlacement.description, ...readPlacement.description]);
		expect({
			minInboxShare: canvas.get('minInboxShare'),
			pollMs: Number(canvas.get('pollSeconds')) * 1000,
			timeoutMs: Number(canvas.get('timeoutSeconds')) * 1000,
		}).toEqual(PLACEMENT_DEFAULTS);
	});
});
