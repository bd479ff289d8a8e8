import {
	displayCompany,
	displayFirstName,
	signalOpener,
} from '../../../nodes/engine/drafts/prospectVoice';
import { sentencesOf } from '../../../nodes/engine/features/textParts';

const p = (company?: string, firstName?: string) => ({
	email: 'x@acme.example.com',
	company,
	firstName,
	signals: {},
});

describe('prospect data read as sentences', () => {
	it.each([
		[
			'recent_news',
			'just opened a third shop',
			p('Bluebell'),
			'I saw that Bluebell just opened a third shop.',
		],
		['news', 'raised a Series A last month.', p(), 'I saw that you raised a Series A last month.'],
		[
			'news',
			'Acme Robotics acquired Binly in May',
			p('Acme'),
			'I saw that Acme Robotics acquired Binly in May.',
		],
		[
			'update',
			'Excited to share that we just opened our Denver office!',
			p('Peak Outdoors'),
			'I saw that you just opened your Denver office.',
		],
		[
			'recent_post',
			"Sam posted: 'Our support backlog doubled over the holidays",
			p('Acme', 'Sam'),
			'I read your post: "Our support backlog doubled over the holidays".',
		],
		[
			'notes',
			'"Hiring is the bottleneck this year"',
			p(),
			'I read your post: "Hiring is the bottleneck this year".',
		],
		[
			'tools',
			'Zendesk, Shopify, Klaviyo',
			p('Arcadia Games Inc.'),
			'I noticed Arcadia Games uses Zendesk, Shopify and Klaviyo.',
		],
		['notes', "busiest week is Mother's Day", p('Bluebell'), null],
		['notes', 'Zendesk, Shopify, Klaviyo', p('Bluebell'), null],
		['notes', 'great fit', p('Bluebell'), null],
		[
			'recent_post',
			'your post about closing the books in a week',
			p('Acme'),
			'I saw your post about closing the books in a week.',
		],
		['news', 'the Series C announcement', p('Cyberdyne'), 'I saw the Series C announcement.'],
		[
			'notes',
			'The Portland store opened in March',
			p('Acme'),
			'I saw that the Portland store opened in March.',
		],
	])('%s: %s', (key, value, prospect, expected) => {
		expect(signalOpener(key, value, prospect)).toBe(expected);
	});

	it('writes names and companies as a person would', () => {
		expect(displayFirstName('beth')).toBe('Beth');
		expect(displayFirstName('McKenzie')).toBe('McKenzie');
		expect(displayFirstName('DEE')).toBe('Dee');
		expect(displayCompany('bluebell florist')).toBe('Bluebell Florist');
		expect(displayCompany('NorthPeak Outfitters Ltd.')).toBe('NorthPeak Outfitters');
		expect(displayCompany('Arcadia Games, Inc.')).toBe('Arcadia Games');
		expect(displayCompany('Müller GmbH')).toBe('Müller');
		expect(displayCompany('iRobot')).toBe('iRobot');
	});

	it('keeps a legal suffix inside its sentence when splitting', () => {
		expect(
			sentencesOf('Is this a priority for NorthPeak Outfitters Ltd. this quarter? Thanks.'),
		).toEqual(['Is this a priority for NorthPeak Outfitters Ltd. this quarter?', 'Thanks.']);
		expect(sentencesOf('Acme GmbH. opened a shop. Good.')).toHaveLength(2);
	});
});
