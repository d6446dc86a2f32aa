/** How the CDD profile cuts a document into overlapping pieces (profile-format.md 4.11–4.12). */
export interface ChunkOptions {
  chunkSize: number;
  overlap: number;
  /** Tried in order; `""` (split anywhere) is always tried last. */
  separators: readonly string[];
}

export const PDF_CHUNKS: ChunkOptions = { chunkSize: 1000, overlap: 200, separators: ['\n\n', '\n', ' '] };
export const TEXT_CHUNKS: ChunkOptions = { chunkSize: 300, overlap: 20, separators: ['\n\n', '\n', '. '] };

/**
 * Recursive character splitting (as LangChain's splitter, separators dropped): split on the first
 * separator the text contains, merge neighbouring pieces up to `chunkSize` with up to `overlap`
 * characters carried over, and split pieces that are still too long with the next separator.
 */
export function chunkText(text: string, options: ChunkOptions): string[] {
  return splitWith(text.trim(), [...options.separators, ''], options);
}

function splitWith(text: string, separators: readonly string[], options: ChunkOptions): string[] {
  const index = separators.findIndex((separator) => separator === '' || text.includes(separator));
  const separator = separators[index] ?? '';
  const finer = separators.slice(index + 1);
  const chunks: string[] = [];
  let fitting: string[] = [];
  const pieces = separator === '' ? Array.from(text) : text.split(separator);
  for (const piece of pieces.filter((part) => part !== '')) {
    if (piece.length <= options.chunkSize) {
      fitting.push(piece);
      continue;
    }
    chunks.push(...mergePieces(fitting, separator, options));
    fitting = [];
    chunks.push(...(finer.length ? splitWith(piece, finer, options) : [piece]));
  }
  chunks.push(...mergePieces(fitting, separator, options));
  return chunks;
}

function mergePieces(pieces: readonly string[], separator: string, options: ChunkOptions): string[] {
  const chunks: string[] = [];
  let window: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    const joinCost = window.length ? separator.length : 0;
    if (length + joinCost + piece.length > options.chunkSize && window.length) {
      pushTrimmed(chunks, window.join(separator));
      // Drop from the front until what is left is a short enough overlap and the piece fits.
      while (window.length && (length > options.overlap || length + separator.length + piece.length > options.chunkSize)) {
        length -= (window.shift() as string).length + (window.length ? separator.length : 0);
      }
    }
    length += (window.length ? separator.length : 0) + piece.length;
    window.push(piece);
  }
  pushTrimmed(chunks, window.join(separator));
  return chunks;
}

function pushTrimmed(chunks: string[], chunk: string): void {
  const trimmed = chunk.trim();
  if (trimmed) chunks.push(trimmed);
}
