import { parseCompetitorList } from '../../nodes/engine';
import {
	normalizeWebsite,
	validateCampaignInput,
} from '../../nodes/engine/campaign/validateCampaignInput';

describe('normalizeWebsite', () => {
	it.each([
		['acme.com', 'https://acme.com'],
		['www.acme.com/pricing', 'https://www.acme.com/pricing'],
		['http://acme.io/', 'http://acme.io'],
		['  https://sub.acme.co.uk  ', 'https://sub.acme.co.uk'],
	])('%s -> %s', (input, expected) => {
		expect(normalizeWebsite(input, 'Website')).toBe(expected);
	});

	it.each(['acme', 'ftp://acme.com', 'https://', 'not a site'])('rejects %s', (input) => {
		expect(() => normalizeWebsite(input, 'Brand website')).toThrow(
			`Brand website "${input}" is not a website address`,
		);
	});
});

describe('validateCampaignInput', () => {
	it('trims, defaults the name, and keeps only what was given', () => {
		expect(
			validateCampaignInput({
				brand: { name: '  Acme ', website: '' },
				competitors: [{ name: 'Globex', website: 'globex.com' }],
				sender: { name: '', email: ' dana@acme.com ', postalAddress: '' },
			}),
		).toEqual({
			name: 'Acme outbound',
			brand: { name: 'Acme' },
			competitors: [{ name: 'Globex', website: 'https://globex.com' }],
			additionalContext: '',
			sender: { email: 'dana@acme.com' },
			settings: {},
			idempotencyKey: '',
		});
	});

	it('names the field at fault', () => {
		expect(() =>
			validateCampaignInput({ brand: { name: 'A' }, competitors: [{ name: 'B' }, { name: '' }] }),
		).toThrow('Competitor 2 needs a name');
		expect(() =>
			validateCampaignInput({ brand: { name: 'A' }, competitors: [{ name: 'B' }, { name: 'b' }] }),
		).toThrow('Competitor "b" is listed twice');
		expect(() =>
			validateCampaignInput({ brand: { name: 'A' }, sender: { replyTo: 'x@' } }),
		).toThrow('Reply-to address "x@" is not a valid email address');
		expect(() => validateCampaignInput({ brand: { name: 'A' }, settings: [] as never })).toThrow(
			'Campaign settings must be a JSON object',
		);
		expect(() => validateCampaignInput({ brand: { name: 'x'.repeat(201) } })).toThrow(
			/longer than 200/,
		);
	});
});

describe('parseCompetitorList', () => {
	it('reads what people type into one form field', () => {
		expect(
			parseCompetitorList('Globex | globex.com\nInitech (initech.io); hooli.com, Pied Piper\n\n'),
		).toEqual([
			{ name: 'Globex', website: 'globex.com' },
			{ name: 'Initech', website: 'initech.io' },
			{ name: 'Hooli', website: 'hooli.com' },
			{ name: 'Pied Piper' },
		]);
		expect(parseCompetitorList('')).toEqual([]);
	});

	it('takes aliases (sending domains, sender names) after a second bar, commas and all', () => {
		expect(
			parseCompetitorList(
				'Globex | globex.com | em.globex-mail.com, Alex at Globex\nInitech, Hooli',
			),
		).toEqual([
			{ name: 'Globex', website: 'globex.com', aliases: ['em.globex-mail.com', 'Alex at Globex'] },
			{ name: 'Initech' },
			{ name: 'Hooli' },
		]);
		expect(parseCompetitorList('Vandelay || vd-mail.example.net')).toEqual([
			{ name: 'Vandelay', aliases: ['vd-mail.example.net'] },
		]);
	});
});
