/** Building blocks of the workflows the e2e tests import into n8n. */

/** A node with a stable id derived from its canvas position. */
export const node = (
	name: string,
	type: string,
	position: [number, number],
	parameters: object,
	typeVersion = 1,
) => ({
	id: `00000000-0000-4000-8000-${String(position[0] + position[1] * 7).padStart(12, '0')}`,
	name,
	type,
	typeVersion,
	position,
	parameters,
});

/** A main connection to one node. */
export const link = (to: string) => ({ main: [[{ node: to, type: 'main', index: 0 }]] });

/** The campaign locator pointing at what the "Create campaign" node made. */
export const campaignFromCreate = {
	__rl: true,
	mode: 'id',
	value: "={{ $('Create campaign').first().json.id }}",
};
