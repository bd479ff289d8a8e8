import type { Engine } from '../../Engine';
import { HNSW_MAX_DIMS } from './ensureVectorIndex';

export interface TemplateFamily {
	/** The family's lowest email id: stable across runs while its first member stays. */
	family: number;
	size: number;
	sources: Array<{ source: string; competitor: string | null; count: number }>;
	subject: string;
	members: number[];
}

export interface FamilyOptions {
	/** Cosine similarity at or above which two emails share a template (default 0.9). */
	threshold?: number;
	/** Neighbours looked at per email (default 10). */
	neighbours?: number;
	/** Members listed per family in the output (all are stored). */
	listMembers?: number;
}

/** Union–find over email ids. */
function families(edges: Array<[number, number]>): Map<number, number[]> {
	const parent = new Map<number, number>();
	const find = (x: number): number => {
		let root = x;
		while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root)!;
		parent.set(x, root);
		return root;
	};
	for (const [a, b] of edges) {
		if (!parent.has(a)) parent.set(a, a);
		if (!parent.has(b)) parent.set(b, b);
		const [ra, rb] = [find(a), find(b)];
		if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
	}
	const groups = new Map<number, number[]>();
	for (const id of parent.keys()) {
		const root = find(id);
		const members = groups.get(root);
		if (members) members.push(id);
		else groups.set(root, [id]);
	}
	return groups;
}

/**
 * Template families: groups of near-duplicate emails (a reused template with names and numbers
 * swapped), found as each email's nearest neighbours above the threshold through the HNSW index,
 * joined transitively. Stored on `email_features.template_family` (the Blueprint counts them) and
 * returned largest first. Only emails embedded with `model` take part.
 */
export async function templateFamilies(
	engine: Engine,
	campaignId: string,
	model: string,
	options: FamilyOptions = {},
): Promise<TemplateFamily[]> {
	engine.requireVector();
	const threshold = options.threshold ?? 0.9;
	const neighbours = options.neighbours ?? 10;
	const { rows: sizes } = await engine.db.query<{ dims: number }>(
		'select distinct dims from email_embeddings where campaign_id = $1 and model = $2',
		[campaignId, model],
	);
	const edges: Array<[number, number]> = [];
	for (const { dims } of sizes) {
		const cast = dims <= HNSW_MAX_DIMS ? `::vector(${Number(dims)})` : '';
		const rows = await engine.db.transaction(async (tx) => {
			await tx.query("select set_config('hnsw.iterative_scan', 'relaxed_order', true)");
			return (
				await tx.query<{ a: string; b: string }>(
					`select x.email_id as a, n.email_id as b
					from email_embeddings x
					cross join lateral (
						select y.email_id, y.embedding${cast} <=> x.embedding${cast} as distance
						from email_embeddings y
						where y.dims = ${Number(dims)} and y.campaign_id = x.campaign_id and y.model = x.model
							and y.email_id <> x.email_id
						order by y.embedding${cast} <=> x.embedding${cast}
						limit $3
					) n
					where x.campaign_id = $1 and x.model = $2 and x.dims = ${Number(dims)}
						and n.distance <= $4`,
					[campaignId, model, neighbours, 1 - threshold],
				)
			).rows;
		});
		for (const row of rows) edges.push([Number(row.a), Number(row.b)]);
	}
	const groups = [...families(edges).entries()].filter(([, members]) => members.length > 1);
	await engine.db.transaction(async (tx) => {
		await tx.query(
			'update email_features set template_family = null where campaign_id = $1 and template_family is not null',
			[campaignId],
		);
		await tx.query(
			`update email_features f set template_family = r.family
			from jsonb_to_recordset($2::jsonb) as r(email_id bigint, family bigint)
			where f.email_id = r.email_id and f.campaign_id = $1`,
			[
				campaignId,
				JSON.stringify(
					groups.flatMap(([family, members]) => members.map((id) => ({ email_id: id, family }))),
				),
			],
		);
	});
	if (groups.length === 0) return [];
	const { rows: described } = await engine.db.query<{
		family: string;
		source: string;
		competitor: string | null;
		count: string;
		subject: string;
	}>(
		`select r.family, e.source, e.competitor, count(*) as count,
			min(e.subject) filter (where e.id = r.family) as subject
		from jsonb_to_recordset($1::jsonb) as r(email_id bigint, family bigint)
		join emails e on e.id = r.email_id
		group by r.family, e.source, e.competitor`,
		[
			JSON.stringify(
				groups.flatMap(([family, members]) => members.map((id) => ({ email_id: id, family }))),
			),
		],
	);
	const list = options.listMembers ?? 20;
	return groups
		.map(([family, members]) => {
			const parts = described.filter((d) => Number(d.family) === family);
			return {
				family,
				size: members.length,
				sources: parts.map((p) => ({
					source: p.source,
					competitor: p.competitor,
					count: Number(p.count),
				})),
				subject: parts.find((p) => p.subject !== null)?.subject ?? '',
				members: members.sort((a, b) => a - b).slice(0, list),
			};
		})
		.sort((a, b) => b.size - a.size || a.family - b.family);
}
