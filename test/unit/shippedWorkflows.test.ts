import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const workflows = readdirSync(join(root, 'workflows'))
	.filter((f) => f.endsWith('.json'))
	.map((f) => ({
		file: f,
		...(JSON.parse(readFileSync(join(root, 'workflows', f), 'utf8')) as {
			nodes: Array<{
				name: string;
				type: string;
				position: [number, number];
				parameters: { width?: number; height?: number };
				disabled?: boolean;
				credentials?: Record<string, { id: string }>;
			}>;
			connections: Record<string, Record<string, Array<Array<{ node: string }> | null>>>;
		}),
	}));

type Box = { name: string; left: number; top: number; right: number; bottom: number };

/**
 * What a node takes on n8n's canvas: its 100 × 100 square and the name under it, which n8n wraps
 * at about 200 px and two lines (~50 px). Sticky notes are their own width and height.
 */
function boxOf(n: (typeof workflows)[number]['nodes'][number]): Box {
	const [x, y] = n.position;
	if (n.type === 'n8n-nodes-base.stickyNote') {
		const { width = 240, height = 160 } = n.parameters;
		return { name: n.name, left: x, top: y, right: x + width, bottom: y + height };
	}
	return { name: n.name, left: x - 50, top: y, right: x + 150, bottom: y + 150 };
}

/** Boxes closer than this at 100 % read as touching (names run into each other). */
const MARGIN = 40;

const overlap = (a: Box, b: Box, margin = 0) =>
	a.left < b.right + margin &&
	b.left < a.right + margin &&
	a.top < b.bottom + margin &&
	b.top < a.bottom + margin;

const pairs = <T>(xs: T[]) => xs.flatMap((a, i) => xs.slice(i + 1).map((b) => [a, b] as const));

/** Credentials the compose stack (and `npm run demo`) creates: docker/make-credentials.js. */
const made = [
	...readFileSync(join(root, 'docker', 'make-credentials.js'), 'utf8').matchAll(/id: '(\w+)'/g),
].map((m) => m[1]);
/** The one credential only the user can give: the mailbox replies are read from. */
const userSupplied = ['SEimapreplies001'];

describe('the shipped workflows', () => {
	it('name no credential that does not exist on a fresh stack, and none on an optional, disabled node', () => {
		const dangling = workflows.flatMap(({ file, nodes }) =>
			nodes.flatMap((n) =>
				Object.values(n.credentials ?? {})
					.filter((c) => n.disabled || ![...made, ...userSupplied].includes(c.id))
					.map((c) => `${file} → ${n.name}: ${c.id}`),
			),
		);
		expect(made.length).toBeGreaterThanOrEqual(3);
		expect(dangling).toEqual([]);
	});

	it('sit on the canvas grid, read left to right, no two nodes within 40 px (names clear), no two notes over each other', () => {
		const problems = workflows.flatMap(({ file, nodes, connections }) => {
			const at = new Map(nodes.map((n) => [n.name, n.position]));
			const isNote = (n: (typeof nodes)[number]) => n.type === 'n8n-nodes-base.stickyNote';
			const offGrid = nodes
				.filter((n) => n.position.some((v) => v % 20 !== 0))
				.map((n) => `${file} → ${n.name} is off the 20 px grid at ${n.position.join(', ')}`);
			const backwards = Object.entries(connections).flatMap(([from, kinds]) =>
				(kinds.main ?? []).flatMap((outs) =>
					(outs ?? [])
						.filter((to) => (at.get(to.node)?.[0] ?? Infinity) <= (at.get(from)?.[0] ?? 0))
						.map((to) => `${file} → ${from} → ${to.node} does not go left to right`),
				),
			);
			const covered = [
				...pairs(nodes.filter((n) => !isNote(n)).map(boxOf))
					.filter(([a, b]) => overlap(a, b, MARGIN))
					.map(([a, b]) => `${file} → ${a.name} and ${b.name} are within ${MARGIN} px`),
				...pairs(nodes.filter(isNote).map(boxOf))
					.filter(([a, b]) => overlap(a, b))
					.map(([a, b]) => `${file} → notes ${a.name} and ${b.name} overlap`),
			];
			return [...offGrid, ...backwards, ...covered];
		});
		expect(problems).toEqual([]);
	});

	it('publishes, on the stack and in the demo, workflows that exist: the list both read', () => {
		const listed = readFileSync(join(root, 'docker', 'published-workflows.txt'), 'utf8')
			.split('\n')
			.map((line) => line.trim())
			.filter((line) => line && !line.startsWith('#'));
		const ids = workflows.map((w) => (w as unknown as { id: string }).id);
		expect(listed.filter((id) => !ids.includes(id))).toEqual([]);
		expect(listed).toEqual(expect.arrayContaining(['SEcampaign000001', 'SEsendworker0001']));
		expect(readFileSync(join(root, 'docker-compose.yml'), 'utf8')).toContain(
			'/setup/published-workflows.txt); do n8n publish:workflow',
		);
		expect(readFileSync(join(root, 'scripts', 'demo.ts'), 'utf8')).toContain(
			"'published-workflows.txt'",
		);
	});
});
