import { detect as detectEncoding } from 'chardet';
import iconv from 'iconv-lite';

export interface DecodedText {
  text: string;
  /** The encoding used, as chardet / iconv-lite spell it (`UTF-8`, `windows-1252`, …). */
  encoding: string;
}

/** A file with a `.txt`/`.md` name whose bytes are not text. */
class NotTextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotTextError';
  }
}

const BOMS: readonly { bytes: readonly number[]; encoding: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'UTF-8' },
  { bytes: [0xff, 0xfe], encoding: 'UTF-16LE' },
  { bytes: [0xfe, 0xff], encoding: 'UTF-16BE' },
];

/**
 * Decodes text bytes: a BOM wins, then strict UTF-8, then chardet's guess, then Windows-1252
 * (which decodes any byte). A NUL byte without a UTF-16 BOM means binary content, not text.
 */
export function decodeText(bytes: Buffer): DecodedText {
  const bom = BOMS.find(({ bytes: mark }) => mark.every((byte, index) => bytes[index] === byte));
  if (bom) return { text: iconv.decode(bytes.subarray(bom.bytes.length), bom.encoding), encoding: bom.encoding };
  if (bytes.subarray(0, 8192).includes(0)) throw new NotTextError('binary content (NUL bytes), not text');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return decodeLegacy(bytes);
  }
}

function decodeLegacy(bytes: Buffer): DecodedText {
  const guess = detectEncoding(bytes);
  // ISO-8859-1 guesses are decoded as its superset Windows-1252 (curly quotes, euro sign).
  const encoding = guess && guess !== 'UTF-8' && guess !== 'ISO-8859-1' && iconv.encodingExists(guess) ? guess : 'windows-1252';
  return { text: iconv.decode(bytes, encoding), encoding };
}
