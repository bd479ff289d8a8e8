import { prospectFlags, prospectFromRecord, prospectsFromCsv } from '../../../nodes/engine';

describe('prospects from CSV and items', () => {
	it('maps the usual column names, keeps other columns as signals, and reports bad rows by line', () => {
		const csv =
			'\uFEFFE-mail;First Name;Company Name;Job Title;Recent Post\nana@acme.example.net;Ana;Acme;VP Sales;Hiring ten reps\nnot-an-email;Ben;Binford;;\n;Cy;Cyberdyne;;\n';
		const result = prospectsFromCsv(Buffer.from(csv), 'prospects.csv');
		expect(result.prospects).toEqual([
			{
				row: 2,
				prospect: {
					email: 'ana@acme.example.net',
					firstName: 'Ana',
					company: 'Acme',
					title: 'VP Sales',
					signals: { 'Recent Post': 'Hiring ten reps' },
				},
			},
		]);
		expect(result.errors).toEqual([
			{
				row: 3,
				error:
					'prospects.csv, line 3: "not-an-email" is not a valid email address: it has no local part and domain around an @',
			},
			{ row: 4, error: 'prospects.csv, line 4 has no email' },
		]);
	});

	it('refuses a file without an email column, or that is not CSV, saying what it found', () => {
		expect(() => prospectsFromCsv('name,company\nAna,Acme\n', 'people.csv')).toThrow(
			expect.objectContaining({
				message: 'people.csv has no email column',
				description: 'Found the columns: name, company. Name one "email".',
			}),
		);
		expect(() => prospectsFromCsv('email,name\n"ana@acme.example.net,Ana\n', 'broken.csv')).toThrow(
			/^broken.csv is not a readable CSV file: /,
		);
	});

	it('flags role addresses, free mail and unknown time zones without rejecting them', () => {
		const p = (email: string, timezone?: string) =>
			prospectFlags(prospectFromRecord({ email, timezone }, 'Item'));
		expect(p('sales@acme.example.net')).toEqual({ roleAddress: true });
		expect(p('ana@gmail.com', 'Europe/Paris')).toEqual({ freeMail: true });
		expect(p('ana@acme.example.net', 'Mars/Olympus')).toEqual({ invalidTimezone: 'Mars/Olympus' });
		expect(() => prospectFromRecord({ name: 'Ana' }, 'Item 3')).toThrow('Item 3 has no email');
	});
});
