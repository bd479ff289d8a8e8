import type { Queryable } from '../store/Db';
import type { EmailSignals } from './extractSignals';
import type { EmailForFeatures } from './loadEmailBatch';

/** The typed columns of `email_features` for one email; the full signals go to `signals`. */
function row(email: EmailForFeatures, s: EmailSignals) {
	return {
		email_id: email.id,
		source: email.source,
		competitor: email.competitor,
		extractor_version: s.version,
		subject_chars: s.subject.chars,
		subject_words: s.subject.words,
		subject_has_question: s.subject.hasQuestion,
		subject_has_number: s.subject.hasNumber,
		subject_personalized: s.subject.personalized,
		subject_prefix: s.subject.prefix,
		unresolved_merge_tags: s.mergeTags.length,
		opening_type: s.opening.type,
		you_we_ratio: s.value.youWeRatio,
		value_orientation: s.value.orientation,
		cta_type: s.cta.type,
		cta_strength: s.cta.strength,
		cta_count: s.cta.count,
		cta_sentence_index: s.cta.sentenceIndex,
		cta_relative_position: s.cta.relativePosition,
		word_count: s.structure.wordCount,
		sentence_count: s.structure.sentenceCount,
		paragraph_count: s.structure.paragraphCount,
		link_count: s.structure.linkCount,
		reading_grade: s.structure.readingGrade,
		structure_type: s.structure.structureType,
		mobile_friendly: s.structure.mobileFriendly,
		has_ps: s.structure.hasPs,
		follow_up_index: s.sequence.followUpIndex,
		gap_days: s.sequence.gapDays,
		cadence_bucket: s.sequence.cadenceBucket,
		repeats_previous: s.sequence.repeatsPrevious,
		signals: s,
	};
}

/**
 * Writes one batch in one statement: new rows inserted, rows from an older extractor replaced.
 * Returns how many rows were written.
 */
export async function storeFeatures(
	q: Queryable,
	campaignId: string,
	batch: Array<{ email: EmailForFeatures; signals: EmailSignals }>,
): Promise<number> {
	if (batch.length === 0) return 0;
	const columns = Object.keys(row(batch[0].email, batch[0].signals));
	const types: Record<string, string> = {
		email_id: 'bigint',
		extractor_version: 'int',
		subject_chars: 'int',
		subject_words: 'int',
		subject_has_question: 'boolean',
		subject_has_number: 'boolean',
		subject_personalized: 'boolean',
		unresolved_merge_tags: 'int',
		you_we_ratio: 'real',
		cta_count: 'int',
		cta_sentence_index: 'int',
		cta_relative_position: 'real',
		word_count: 'int',
		sentence_count: 'int',
		paragraph_count: 'int',
		link_count: 'int',
		reading_grade: 'real',
		mobile_friendly: 'boolean',
		has_ps: 'boolean',
		follow_up_index: 'int',
		gap_days: 'real',
		repeats_previous: 'boolean',
		signals: 'jsonb',
	};
	const { rowCount } = await q.query(
		`insert into email_features (campaign_id, ${columns.join(', ')})
		select $1, ${columns.map((c) => `r.${c}`).join(', ')}
		from jsonb_to_recordset($2::jsonb) as r(${columns.map((c) => `${c} ${types[c] ?? 'text'}`).join(', ')})
		on conflict (email_id) do update set
			${columns
				.filter((c) => c !== 'email_id')
				.map((c) => `${c} = excluded.${c}`)
				.join(', ')},
			created_at = now()`,
		[campaignId, JSON.stringify(batch.map(({ email, signals }) => row(email, signals)))],
	);
	return rowCount;
}
