import { invalidInput } from '../errors';
import { isEmailAddress } from '../mail/emailAddress';
import type { CampaignInput, CompanyRef, SenderIdentity } from './types';

const MAX_NAME = 200;
const MAX_COMPETITORS = 50;
const MAX_CONTEXT = 20_000;
const MAX_ALIASES = 20;

function cleanText(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

/** Accepts `acme.com`, `www.acme.com/pricing` or a full URL; returns an https URL or throws. */
export function normalizeWebsite(value: string, field: string): string {
	const raw = value.trim();
	const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
	let url: URL;
	try {
		url = new URL(withScheme);
	} catch {
		throw invalidInput(
			`${field} "${value}" is not a website address`,
			'Use a domain such as acme.com or a URL.',
		);
	}
	if (!['http:', 'https:'].includes(url.protocol) || !url.hostname.includes('.')) {
		throw invalidInput(
			`${field} "${value}" is not a website address`,
			'Use a domain such as acme.com or a URL.',
		);
	}
	return url.toString().replace(/\/$/, '');
}

function company(value: CompanyRef | undefined, field: string): CompanyRef {
	const name = cleanText(value?.name);
	if (!name) throw invalidInput(`${field} needs a name`);
	if (name.length > MAX_NAME)
		throw invalidInput(`${field} name is longer than ${MAX_NAME} characters`);
	const website = cleanText(value?.website);
	const aliases = aliasesOf(value?.aliases, field);
	return {
		name,
		...(website ? { website: normalizeWebsite(website, `${field} website`) } : {}),
		...(aliases.length ? { aliases } : {}),
	};
}

function aliasesOf(value: unknown, field: string): string[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value) || value.some((a) => typeof a !== 'string'))
		throw invalidInput(`${field} aliases must be a list of domains or sender names`);
	const aliases = [...new Set(value.map((a: string) => a.trim()).filter(Boolean))];
	if (aliases.length > MAX_ALIASES)
		throw invalidInput(`${field} has more than ${MAX_ALIASES} aliases`);
	const long = aliases.find((a) => a.length > MAX_NAME);
	if (long) throw invalidInput(`${field} alias "${long.slice(0, 40)}…" is too long`);
	return aliases;
}

function sender(value: SenderIdentity | undefined): SenderIdentity {
	const result: SenderIdentity = {};
	const name = cleanText(value?.name);
	const email = cleanText(value?.email);
	const replyTo = cleanText(value?.replyTo);
	const postalAddress = cleanText(value?.postalAddress);
	if (name) result.name = name;
	for (const [field, address] of [
		['Sender email', email],
		['Reply-to address', replyTo],
	] as const) {
		if (address && !isEmailAddress(address)) {
			throw invalidInput(`${field} "${address}" is not a valid email address`);
		}
	}
	if (email) result.email = email;
	if (replyTo) result.replyTo = replyTo;
	if (postalAddress) result.postalAddress = postalAddress;
	return result;
}

/** Checks and normalises what a person typed into the campaign form, naming the field at fault. */
export function validateCampaignInput(input: CampaignInput): Required<CampaignInput> {
	const brand = company(input.brand, 'The brand');
	const competitors = (input.competitors ?? []).map((competitor, index) =>
		company(competitor, `Competitor ${index + 1}`),
	);
	if (competitors.length > MAX_COMPETITORS) {
		throw invalidInput(
			`A campaign takes at most ${MAX_COMPETITORS} competitors, got ${competitors.length}`,
		);
	}
	const seen = new Set<string>([brand.name.toLowerCase()]);
	for (const competitor of competitors) {
		const key = competitor.name.toLowerCase();
		if (key === brand.name.toLowerCase()) {
			throw invalidInput(`The brand "${brand.name}" is also listed as a competitor`);
		}
		if (seen.has(key)) throw invalidInput(`Competitor "${competitor.name}" is listed twice`);
		seen.add(key);
	}
	const additionalContext = cleanText(input.additionalContext);
	if (additionalContext.length > MAX_CONTEXT) {
		throw invalidInput(`Additional context is longer than ${MAX_CONTEXT} characters`);
	}
	const name = cleanText(input.name) || `${brand.name} outbound`;
	if (name.length > MAX_NAME)
		throw invalidInput(`Campaign name is longer than ${MAX_NAME} characters`);
	const settings = input.settings ?? {};
	if (typeof settings !== 'object' || Array.isArray(settings)) {
		throw invalidInput('Campaign settings must be a JSON object');
	}
	const idempotencyKey = cleanText(input.idempotencyKey);
	if (idempotencyKey.length > MAX_NAME)
		throw invalidInput(`Idempotency key is longer than ${MAX_NAME} characters`);
	return {
		name,
		brand,
		competitors,
		additionalContext,
		sender: sender(input.sender),
		settings,
		idempotencyKey,
	};
}
