import { z } from 'zod';

/**
 * `date_published` as a string the reference can take for a date: what Pydantic's `date` parses from
 * a string — `YYYY-MM-DD`, a datetime at exactly midnight (`2025-08-23T00:00:00Z`, separator `T`,
 * `t`, `_` or space, optional fraction and offset), a Unix timestamp in seconds (milliseconds above
 * 2e10) that falls on a UTC midnight — and the `DD-MM-YYYY` form the reference's sample requests
 * show. The day must exist (no 2025-02-30). The profile keeps the string as given.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MIDNIGHT = /^(\d{4})-(\d{2})-(\d{2})[Tt_ ]00:00(?::00(?:\.0+)?)?(?:[Zz]|[+-]\d{2}:?\d{2})?$/;
const DAY_FIRST = /^(\d{2})-(\d{2})-(\d{4})$/;
const TIMESTAMP = /^[+-]?\d{1,20}(?:\.\d+)?$/;
const MS_THRESHOLD = 2e10;
const SECONDS_PER_DAY = 86_400;

export const isCalendarDate = (year: number, month: number, day: number): boolean => {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

const fromParts = (match: RegExpExecArray | null, order: 'ymd' | 'dmy'): boolean | undefined => {
  if (!match) return undefined;
  const [a, b, c] = match.slice(1, 4).map(Number) as [number, number, number];
  return order === 'ymd' ? isCalendarDate(a, b, c) : isCalendarDate(c, b, a);
};

const isMidnightTimestamp = (text: string): boolean => {
  if (!TIMESTAMP.test(text)) return false;
  const value = Number(text);
  const seconds = Math.abs(value) > MS_THRESHOLD ? value / 1000 : value;
  return Number.isFinite(seconds) && seconds % SECONDS_PER_DAY === 0 && Math.abs(seconds) <= 253_402_300_799;
};

export const isPublicationDate = (text: string): boolean =>
  fromParts(ISO_DATE.exec(text), 'ymd') ?? fromParts(ISO_MIDNIGHT.exec(text), 'ymd') ?? fromParts(DAY_FIRST.exec(text), 'dmy') ?? isMidnightTimestamp(text);

export const DatePublishedSchema = z
  .string()
  .max(64)
  .refine(isPublicationDate, {
    message: 'date_published must be a real date: YYYY-MM-DD (or DD-MM-YYYY, a midnight ISO datetime, or a Unix timestamp of a midnight)',
  })
  // `format: date` documents the canonical form; the other accepted forms are the reference's legacy.
  .meta({
    format: 'date',
    description: 'The publication date, kept as given. YYYY-MM-DD; also accepted for the reference\'s clients: DD-MM-YYYY, an ISO datetime at 00:00, or a Unix timestamp of a UTC midnight',
    example: '2025-08-23',
  });
