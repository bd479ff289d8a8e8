import { signalsOf } from './helpers';

const structure = (body: string, extra: { signature?: string; html?: string } = {}) =>
	signalsOf({ body, signature: extra.signature ?? '', html: extra.html ?? null }).structure;

describe('structure signals', () => {
	it('measures words, sentences, paragraphs, bullets, links, images, P.S. and signature', () => {
		const result = structure(
			'Hi Kim,\n\nThree things changed this quarter:\n- faster close\n- fewer errors\n- one report\n\nDetails at https://northwind.example.com/q3 if useful.\n\nBest,\nDana\n\nPS: the report is free.',
			{
				signature: 'Dana Reyes\nHead of Sales, Northwind\n+1 555 0100',
				html: '<p>Hi</p><img src="a.png"><img src="b.png">',
			},
		);
		expect(result).toMatchObject({
			sentenceCount: 6,
			paragraphCount: 3,
			bulletCount: 3,
			linkCount: 1,
			imageCount: 2,
			hasPs: true,
			signatureLines: 3,
			signatureChars: 47,
		});
		// Five, six for the bullets, five with the link as one word, five in the P.S.
		expect(result.wordCount).toBe(21);
		expect(structure('Plain text.').imageCount).toBeNull();
	});

	it('grades reading level (Flesch–Kincaid) and mobile-friendliness', () => {
		const easy = structure('We can help. It is fast. You will like it.');
		const hard = structure(
			'Our comprehensive reconciliation infrastructure systematically operationalizes organizational accountability across multinational subsidiaries, consolidating intercompany eliminations automatically.',
		);
		expect(easy.readingGrade).toBe(0);
		expect(hard.readingGrade).toBeGreaterThan(20);
		expect(easy.mobileFriendly).toBe(true);
		const wall = Array.from({ length: 70 }, () => 'word').join(' ');
		expect(structure(`${wall}.`).mobileFriendly).toBe(false);
	});

	it('types the structure: breakup, question-led, social proof, problem–solution, plain', () => {
		expect(structure("I'll assume the timing is off and close the loop.").structureType).toBe(
			'breakup',
		);
		expect(structure('Still closing the books by hand? We fix that.').structureType).toBe(
			'question_led',
		);
		expect(structure('Teams like yours closed in 3 days.').structureType).toBe('social_proof');
		expect(structure('Manual close is slow. We cut it to two days.').structureType).toBe(
			'problem_solution',
		);
		expect(structure('Sending the deck now.').structureType).toBe('plain');
	});
});
