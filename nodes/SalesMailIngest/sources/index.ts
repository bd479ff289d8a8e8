import type { IExecuteFunctions } from 'n8n-workflow';

import type { IngestItem } from '../../engine';
import { filesOf } from './files';
import { gmailOf } from './gmail';
import { imapOf } from './imap';
import { outlookOf } from './outlook';

/** The mailbox and file sources of Sales Mail Ingest, each read per input item. */
export const sourceReaders: Record<
	'file' | 'imap' | 'gmail' | 'outlook',
	(ctx: IExecuteFunctions, i: number) => AsyncGenerator<IngestItem>
> = { file: filesOf, imap: imapOf, gmail: gmailOf, outlook: outlookOf };
