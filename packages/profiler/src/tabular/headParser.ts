/** A small RFC 4180 record parser for the head of a file (dialect sniffing and header detection only). */

export interface ParsedHead {
  records: string[][];
}

/**
 * Parses complete records of `text`. A quote opens a quoted field only at the start of a field;
 * inside, a doubled quote is a literal quote. The last record is dropped when the text ends inside it
 * (`complete` false), because the head was cut off there.
 */
export function parseRecords(text: string, delimiter: string, quote: string, maxRecords: number, complete: boolean): ParsedHead {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let inQuotes = false;
  let i = 0;
  const endField = (): void => {
    fields.push(field);
    field = '';
    quoted = false;
  };
  const endRecord = (): void => {
    endField();
    records.push(fields);
    fields = [];
  };
  while (i < text.length && records.length < maxRecords) {
    const ch = text[i] as string;
    if (inQuotes) {
      if (ch === quote) {
        if (text[i + 1] === quote) {
          field += quote;
          i += 1;
        } else inQuotes = false;
      } else field += ch;
    } else if (ch === quote && field === '' && !quoted) {
      inQuotes = true;
      quoted = true;
    } else if (ch === delimiter) endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      endRecord();
    } else field += ch;
    i += 1;
  }
  const atEnd = i >= text.length;
  if (atEnd && complete && !inQuotes && (field !== '' || fields.length > 0 || quoted)) endRecord();
  return { records };
}

/** Drops a trailing partial line so the head ends on a line break (a quoted newline may still be cut). */
export function headText(decoded: string, complete: boolean): string {
  if (complete) return decoded;
  const cut = Math.max(decoded.lastIndexOf('\n'), decoded.lastIndexOf('\r'));
  return cut >= 0 ? decoded.slice(0, cut + 1) : decoded;
}
