import { lintDraft } from '../../../nodes/engine/enforcer/lintDraft';
import { defaultsBlueprint } from './defaultsBlueprint';

const bp = defaultsBlueprint();
const SUBJECT = 'Onboarding at Acme';
const BODY = (ask = 'Is this a priority for your team this quarter?', extra = '') =>
	`Hi Ana,\n\nI saw that Acme is hiring ten new sales reps in Denver this spring. Teams that grow that fast often lose a week of selling time per rep while they learn the product.\n\nOur playbooks sit inside the tools your reps already use, so new hires get answers without waiting for a manager.${extra}\n\n${ask}\n\nBest,\nDana`;
const rules = (step: number, subject: string, body: string, previousBodies: string[] = []) =>
	lintDraft(bp, { step, subject, body, to: 'ana@acme.example.net', previousBodies }).violations.map(
		(v) => v.rule,
	);

describe('the enforcer', () => {
	it('passes a draft that meets every rule, and says what it measured', () => {
		const result = lintDraft(bp, {
			step: 1,
			subject: SUBJECT,
			body: BODY(),
			to: 'ana@acme.example.net',
		});
		expect(result.violations).toEqual([]);
		expect(result.measured).toMatchObject({
			cta: 'interest_question',
			asks: 1,
			links: 0,
			subjectWords: 3,
		});
		expect(result.measured.words).toBeGreaterThanOrEqual(40);
	});

	it('checks word and subject ranges', () => {
		// Shorter than the brand's usual mail is a warning: a target met with material, never filler.
		const short = lintDraft(bp, {
			step: 1,
			subject: SUBJECT,
			body: 'Hi Ana,\n\nIs this a priority for you?\n\nDana',
			to: 'ana@acme.example.net',
		});
		expect([short.passed, short.warnings?.map((w) => w.rule)]).toEqual([true, ['words']]);
		expect(
			rules(1, SUBJECT, BODY(undefined, '\n\nMore words here, and then some more.'.repeat(12))),
		).toEqual(['words']);
		expect(rules(1, 'Hi', BODY())).toEqual(['subject_chars', 'subject_words']);
		expect(
			rules(1, 'A very long subject line about onboarding new sales reps at Acme quickly', BODY()),
		).toEqual(['subject_chars', 'subject_words']);
	});

	it('checks links, paragraph length and reading grade', () => {
		expect(
			rules(
				1,
				SUBJECT,
				BODY(
					undefined,
					' Our notes live at https://a.example.com and https://b.example.com today.',
				),
			),
		).toEqual(['links']);
		const wall = `I saw that Acme is hiring ten new reps. ${'Reps learn the product while they sell and they ask the same questions every single week. '.repeat(3)}`;
		expect(
			rules(
				1,
				SUBJECT,
				`Hi Ana,\n\n${wall}\n\nIs this a priority for your team this quarter?\n\nDana`,
			),
		).toEqual(['longest_paragraph_words']);
		const dense =
			' Comprehensive organizational transformation necessitates multidimensional institutionalization of standardized operational methodologies.';
		expect(rules(1, SUBJECT, BODY(undefined, dense))).toEqual(['reading_grade']);
	});

	it('checks the CTA allowed at each step, hard asks on touch 1, and the number of asks', () => {
		expect(rules(1, SUBJECT, BODY('Just reply "yes" and I will send the details.'))).toEqual([
			'cta_step_1',
		]);
		expect(
			rules(1, SUBJECT, BODY('Could we meet on Thursday at 2pm for a 20-minute call?')),
		).toEqual(['cta_step_1', 'hard_cta_first_touch']);
		expect(rules(1, SUBJECT, BODY('Thanks for reading.'))).toEqual(['cta_step_1']);
		expect(rules(3, SUBJECT, BODY('Just reply "yes" and I will send the details.'))).toEqual([]);
		expect(
			rules(
				1,
				SUBJECT,
				BODY(
					'Is this a priority for your team this quarter? Would a short call on Thursday at 2pm work?',
				),
			),
		).toEqual(expect.arrayContaining(['asks_per_email', 'hard_cta_first_touch']));
	});

	it('refuses placeholders, spam words, an all-caps subject and a follow-up that repeats', () => {
		expect(rules(1, 'Onboarding at {{company}}', BODY())).toEqual(['unresolved_merge_tags']);
		expect(rules(1, SUBJECT, BODY().replace('Hi Ana', 'Hi [First Name]'))).toEqual([
			'unresolved_merge_tags',
		]);
		expect(rules(1, 'Free onboarding at Acme', BODY())).toEqual(['spam_words']);
		expect(rules(1, SUBJECT, BODY(undefined, ' It is 100% free.'))).toEqual(['spam_words']);
		expect(rules(1, 'ONBOARDING FOR ACME REPS', BODY())).toEqual(['all_caps_subject']);
		expect(rules(2, `Re: ${SUBJECT}`, BODY(), [BODY()])).toEqual(['repeat_previous_body']);
	});
});
