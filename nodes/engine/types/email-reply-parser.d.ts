// email-reply-parser 1.9 (the last CommonJS line; 2.x is ESM-only, which n8n's require() cannot
// load on every supported Node) ships no types: these are the parts the engine uses.
declare module 'email-reply-parser' {
	class Fragment {
		getContent(): string;
		isHidden(): boolean;
		isSignature(): boolean;
		isQuoted(): boolean;
	}
	class Email {
		getFragments(): Fragment[];
		getVisibleText(): string;
		getQuotedText(): string;
	}
	class EmailReplyParser {
		read(text: string): Email;
	}
	export = EmailReplyParser;
}
// Its rules, read by the engine's faster walk over the same fragments (ingest/replyFragments.ts).
declare module 'email-reply-parser/lib/regex' {
	const RegexList: { quoteHeadersRegex: RegExp[]; signatureRegex: RegExp[] };
	export = RegexList;
}
declare module 'email-reply-parser/lib/parser/emailparser' {
	class EmailParser {
		/** Joins a quote header the sender's client wrapped over two lines back into one. */
		fixBrokenSignatures(text: string): string;
	}
	export = EmailParser;
}
