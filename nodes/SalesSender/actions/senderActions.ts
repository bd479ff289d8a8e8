import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	checkSuppressionValue,
	addSuppression,
	dispatch,
	type Engine,
	getCampaign,
	inboundFromFields,
	listUnknownSends,
	type MessagePart,
	parseInbound,
	recordInbound,
	type KillScope,
	type Mailbox,
	resolveUnknownSend,
	resumeCampaign,
	type UnknownResolution,
	setKillSwitch,
	type SuppressionKind,
	unsubscribe,
} from '../../engine';
import { actorOf } from '../../shared/actor';
import { campaignIdOf } from '../../shared/campaignLocator';
import { providerOf } from './providerOf';
import { unsubscribeSettingsOf } from './unsubscribeCredential';

type Action = (
	ctx: IExecuteFunctions,
	engine: Engine,
	i: number,
) => Promise<IDataObject | IDataObject[]>;

const positive = (value: unknown) => (Number(value) > 0 ? Number(value) : undefined);

function mailboxesOf(
	ctx: IExecuteFunctions,
	i: number,
	fallback: { email?: string; name?: string },
): Mailbox[] {
	const listed = (ctx.getNodeParameter('mailboxes.mailbox', i, []) as IDataObject[]).filter((m) =>
		String(m.address ?? '').trim(),
	);
	const rows = listed.length
		? listed
		: fallback.email
			? [{ address: fallback.email, name: fallback.name, perDay: 40 }]
			: [];
	return rows.map((m) => ({
		address: String(m.address).trim(),
		name: (m.name as string) || undefined,
		perDay: positive(m.perDay),
		perSecond: positive(m.perSecond),
		warmup: m.warmupStartedAt
			? {
					startedAt: String(m.warmupStartedAt),
					startPerDay: Number(m.warmupStartPerDay ?? 5),
					increasePerDay: Number(m.warmupIncreasePerDay ?? 2),
				}
			: undefined,
	}));
}

const send: Action = async (ctx, engine, i) => {
	const campaign = await getCampaign(engine, campaignIdOf(ctx, i));
	const o = ctx.getNodeParameter('options', i, {}) as IDataObject;
	const { unsubscribeUrl, secret } = await unsubscribeSettingsOf(ctx, i);
	const provider = await providerOf(ctx, engine, i, campaign.id);
	try {
		const summary = await dispatch(engine, {
			campaignId: campaign.id,
			provider,
			mailboxes: mailboxesOf(ctx, i, campaign.sender),
			limits: {
				globalPerSecond: positive(o.globalPerSecond),
				globalPerDay: positive(o.globalPerDay),
				providerPerSecond: positive(o.providerPerSecond),
				domainPerSecond: positive(o.domainPerSecond),
				domainPerDay: positive(o.domainPerDay),
			},
			window: o.anyHour
				? null
				: {
						days: (o.days as number[] | undefined) ?? [1, 2, 3, 4, 5],
						startHour: Number(o.startHour ?? 8),
						endHour: Number(o.endHour ?? 18),
						defaultTimezone: (o.defaultTimezone as string) || 'UTC',
					},
			compliance: {
				unsubscribeUrl,
				unsubscribeMailto: (o.unsubscribeMailto as string) || undefined,
				secret,
				postalAddress: campaign.sender.postalAddress ?? '',
			},
			batchSize: positive(o.batchSize),
			concurrency: positive(o.concurrency),
			timeBudgetMs: (positive(o.timeBudgetSeconds) ?? 50) * 1000,
			autoPause: {
				errorBurst: positive(o.errorBurst) ?? 10,
				bounceRate: Number(o.bounceRate ?? 0.05),
				minSends: 20,
			},
			actor: actorOf(ctx),
		});
		return {
			campaignId: campaign.id,
			provider: provider.name,
			...summary,
		} as unknown as IDataObject;
	} finally {
		await provider.close();
	}
};

/** One item per unknown send, so a person can check each (or a Sheets/Slack node can list them). */
const listUnknown: Action = async (ctx, engine, i) => {
	const campaign = await getCampaign(engine, campaignIdOf(ctx, i));
	const unknown = await listUnknownSends(engine.db, campaign.id);
	return unknown.map((u) => ({ campaignId: campaign.id, ...u }) as unknown as IDataObject);
};

const resolveUnknown: Action = async (ctx, engine, i) =>
	await resolveUnknownSend(engine.db, {
		attemptId: Number(ctx.getNodeParameter('attemptId', i)),
		resolution: ctx.getNodeParameter('resolution', i) as UnknownResolution,
		note: (ctx.getNodeParameter('note', i, '') as string) || undefined,
		actor: actorOf(ctx),
	});

const resume: Action = async (ctx, engine, i) =>
	await resumeCampaign(engine, campaignIdOf(ctx, i), actorOf(ctx));

/** Engages or releases a kill switch: everything, one campaign, or one sending mailbox. */
async function setSwitch(ctx: IExecuteFunctions, engine: Engine, i: number, engaged: boolean) {
	const scope = ctx.getNodeParameter('scope', i) as KillScope;
	return (await setKillSwitch(engine.db, {
		scope,
		target: scope === 'global' ? undefined : (ctx.getNodeParameter('target', i, '') as string),
		engaged,
		reason: (ctx.getNodeParameter('reason', i, '') as string) || undefined,
		actor: actorOf(ctx),
	})) as unknown as IDataObject;
}

const engage: Action = async (ctx, engine, i) => await setSwitch(ctx, engine, i, true);

const release: Action = async (ctx, engine, i) => await setSwitch(ctx, engine, i, false);

const unsubscribeAction: Action = async (ctx, engine, i) =>
	await unsubscribe(
		engine,
		(await unsubscribeSettingsOf(ctx, i)).secret,
		String(ctx.getNodeParameter('token', i) ?? ''),
		actorOf(ctx),
	);

const suppress: Action = async (ctx, engine, i) => {
	const kind = ctx.getNodeParameter('kind', i) as SuppressionKind;
	const value = ctx.getNodeParameter('value', i) as string;
	checkSuppressionValue(kind, value);
	const { created } = await addSuppression(engine.db, { kind, value, source: actorOf(ctx) });
	return { kind, value, created };
};

const intake: Action = async (ctx, engine, i) => {
	const item = ctx.getInputData()[i];
	let message;
	if (ctx.getNodeParameter('inputFormat', i) === 'binary') {
		const property = ctx.getNodeParameter('binaryPropertyName', i) as string;
		ctx.helpers.assertBinaryData(i, property);
		message = await parseInbound(await ctx.helpers.getBinaryDataBuffer(i, property));
	} else {
		const parts: MessagePart[] = [];
		for (const [name, binary] of Object.entries(item.binary ?? {})) {
			if (/^(message\/|text\/rfc822)/i.test(binary.mimeType ?? '')) {
				parts.push({
					mimeType: binary.mimeType,
					content: await ctx.helpers.getBinaryDataBuffer(i, name),
				});
			}
		}
		message = await inboundFromFields(item.json, parts);
	}
	return (await recordInbound(engine, message, actorOf(ctx))) as unknown as IDataObject;
};

export const senderActions: Record<string, Action> = {
	send,
	listUnknown,
	resolveUnknown,
	resume,
	engage,
	release,
	unsubscribe: unsubscribeAction,
	suppress,
	intake,
};
