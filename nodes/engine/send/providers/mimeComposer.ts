import nodemailer from 'nodemailer';

/** nodemailer's stream transport: builds the exact MIME (CRLF lines) of a message, sends nothing. */
export const mimeComposer = () =>
	nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
