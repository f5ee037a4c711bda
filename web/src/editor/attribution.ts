import { displayName, isRecord } from './remote-presence';

// `GET /api/documents/:id/attribution` (DESIGN.md): `{lines: [{line, authors: [{userId,
// name}]}]}`, 1-based lines; the server may add more (times, spans). Read defensively:
// a line or author that does not have the shape is left out, never fatal.

export interface BlameAuthor {
  userId: string;
  name: string;
  /** When this author last changed the line (ISO time), when the server says. */
  at: string | null;
}

export interface BlameLine {
  line: number;
  authors: BlameAuthor[];
}

type Json = Record<string, unknown>;

function readTime(author: Json): string | null {
  const value = author.at ?? author.lastEditedAt ?? author.updatedAt;
  return typeof value === 'string' && Number.isFinite(Date.parse(value)) ? value : null;
}

function readAuthor(value: unknown): BlameAuthor | null {
  if (!isRecord(value) || typeof value.userId !== 'string' || typeof value.name !== 'string') return null;
  return { userId: value.userId, name: displayName(value.name), at: readTime(value) };
}

function readLine(value: unknown): BlameLine | null {
  if (!isRecord(value) || !Number.isSafeInteger(value.line) || (value.line as number) < 1 || !Array.isArray(value.authors)) return null;
  const authors = value.authors.map(readAuthor).filter((author): author is BlameAuthor => author !== null);
  return authors.length > 0 ? { line: value.line as number, authors } : null;
}

/** The lines of an attribution response that have at least one readable author. */
export function readAttribution(body: unknown): BlameLine[] {
  if (!isRecord(body) || !Array.isArray(body.lines)) return [];
  return body.lines.map(readLine).filter((line): line is BlameLine => line !== null);
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const steps: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "5 minutes ago": when an author last touched a line, as a tooltip says it. */
export function timeAgo(iso: string, now = Date.now()): string {
  let value = Math.round((Date.parse(iso) - now) / 1000);
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size) return relative.format(value, unit);
    value = Math.round(value / size);
  }
  return iso;
}

const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "30 Nov 2026, 10:00" in the reader's locale and time zone. */
export function absoluteTime(iso: string): string {
  return absolute.format(Date.parse(iso));
}

/**
 * The hover text of one line: each author with when they last changed it, relative and
 * absolute ("Ada · 5 minutes ago (30 Nov 2026, 10:00)"). The server keeps times to the
 * minute; an author whose time it does not know is named alone.
 */
export function describeAuthors(authors: readonly BlameAuthor[], now = Date.now()): string {
  return authors
    .map((author) => (author.at ? `${author.name} · ${timeAgo(author.at, now)} (${absoluteTime(author.at)})` : author.name))
    .join('\n');
}
