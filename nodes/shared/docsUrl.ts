/** The README section that documents a node or credential (n8n links it from the node's panel). */
export const docsUrl = (anchor: string): string =>
	`https://github.com/n8n-nodes-sales-engine/n8n-nodes-sales-engine#${anchor}`;
