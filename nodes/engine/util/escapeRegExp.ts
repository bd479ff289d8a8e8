/** A text as a regular expression that matches exactly it (names and domains people type). */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
