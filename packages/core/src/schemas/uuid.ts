import { z } from 'zod';

/**
 * Python's `uuid.UUID(str)`, which the reference's Pydantic models use: 32 hex digits, plain or in
 * the 8-4-4-4-12 form, optionally in braces or after `urn:uuid:`, of any version or variant. The
 * answer is canonical: lower-case, hyphenated.
 */
const HYPHENATED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SIMPLE = /^[0-9a-f]{32}$/;

export const canonicalUuid = (value: string): string | undefined => {
  let text = value.toLowerCase();
  if (text.startsWith('urn:uuid:')) text = text.slice('urn:uuid:'.length);
  else if (text.startsWith('{') && text.endsWith('}')) text = text.slice(1, -1);
  if (HYPHENATED.test(text)) return text;
  if (!SIMPLE.test(text)) return undefined;
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
};

const HEX = '[0-9A-Fa-f]';
const UUID_BODY = `(?:${HEX}{8}-${HEX}{4}-${HEX}{4}-${HEX}{4}-${HEX}{12}|${HEX}{32})`;
/** What canonicalUuid takes, as one pattern for the OpenAPI document (a transform would not show in it). */
export const ANY_UUID_PATTERN = `^(?:[Uu][Rr][Nn]:[Uu][Uu][Ii][Dd]:${UUID_BODY}|\\{${UUID_BODY}\\}|${UUID_BODY})$`;

/** Any UUID in, its canonical form out; anything else is a `uuid_parsing` 422. */
export const AnyUuidSchema = z
  .string()
  .transform((value, ctx) => {
    const canonical = canonicalUuid(value);
    if (canonical !== undefined) return canonical;
    ctx.addIssue({ code: 'invalid_format', format: 'uuid', input: value, message: 'Invalid UUID' });
    return z.NEVER;
  })
  .meta({ pattern: ANY_UUID_PATTERN, description: 'A UUID: 32 hex digits, hyphenated (8-4-4-4-12) or not, any version; answered lower-case and hyphenated', example: '7c4d20a0-33e8-471e-8a3f-a7a54aa09f68' });
