/** A small RFC 4180 record parser for the head of a file (dialect sniffing and header detection only). */

export interface ParsedHead {
  records: string[][];
}

/**
 * Parses complete records of `text`. A quote opens a quoted field only at the start of a field;
 * inside, a doubled quote is a literal quote. The last record is dropped when the text ends inside it
 * (`complete` false), because the head was cut off there. Runs of ordinary characters are sliced at
 * once: appending them one by one made sniffing a head of long texts take a third of a second.
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
  const separator = delimiter.charCodeAt(0);
  const endsRun = (code: number): boolean => code === separator || code === 10 || code === 13;
  while (i < text.length && records.length < maxRecords) {
    if (inQuotes) {
      const close = text.indexOf(quote, i);
      if (close < 0) {
        field += text.slice(i);
        i = text.length;
      } else if (text[close + 1] === quote) {
        field += text.slice(i, close + 1);
        i = close + 2;
      } else {
        field += text.slice(i, close);
        inQuotes = false;
        i = close + 1;
      }
      continue;
    }
    const ch = text[i] as string;
    if (ch === quote && field === '' && !quoted) {
      inQuotes = true;
      quoted = true;
      i += 1;
    } else if (ch === delimiter) {
      endField();
      i += 1;
    } else if (ch === '\n' || ch === '\r') {
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      endRecord();
    } else {
      // Past a field's first character a quote is literal, so a run ends only at a delimiter or line break.
      let end = i + 1;
      while (end < text.length && !endsRun(text.charCodeAt(end))) end += 1;
      field += text.slice(i, end);
      i = end;
    }
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
