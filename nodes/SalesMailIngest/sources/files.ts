import type { Readable } from 'node:stream';

import type { IExecuteFunctions } from 'n8n-workflow';

import { type FileFormat, fileMessages, type IngestItem } from '../../engine';
import { readingOptions } from './parameters';

/** Every binary field whose name starts with `prefix`, in upload order; at least one is required. */
function fieldsStarting(prefix: string, present: string[]): string[] {
	const found = present.filter((name) => name.startsWith(prefix));
	// None: asked for by its prefix, so that assertBinaryData's error names what was expected.
	return found.length ? found : [`${prefix}*`];
}

/** The files of one input item, streamed from n8n's binary store when it keeps them on disk. */
export async function* filesOf(ctx: IExecuteFunctions, i: number): AsyncGenerator<IngestItem> {
	const present = Object.keys(ctx.getInputData()[i]?.binary ?? {});
	const names = (ctx.getNodeParameter('binaryPropertyName', i) as string)
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean)
		.flatMap((name) => (name.endsWith('*') ? fieldsStarting(name.slice(0, -1), present) : [name]));
	const format = ctx.getNodeParameter('format', i, 'auto') as FileFormat | 'auto';
	const reading = readingOptions(ctx, i);
	for (const name of names) {
		const binary = ctx.helpers.assertBinaryData(i, name);
		const content: Readable | Buffer = binary.id
			? await ctx.helpers.getBinaryStream(binary.id)
			: await ctx.helpers.getBinaryDataBuffer(i, name);
		yield* fileMessages(
			{ fileName: binary.fileName ?? name, mimeType: binary.mimeType, content },
			format === 'auto' ? undefined : format,
			reading,
		);
	}
}
