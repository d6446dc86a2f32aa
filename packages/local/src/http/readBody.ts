import type { IncomingMessage } from 'node:http';

export type BodyRead = { kind: 'ok'; body: Buffer } | { kind: 'tooLarge' };

/**
 * Reads a request body but never holds more than `maxBytes`: a declared Content-Length over the limit
 * is refused before reading; a body that grows past it while streaming stops being kept (the rest is
 * drained and dropped, so the client can still read the 413).
 */
export const readBody = (req: IncomingMessage, maxBytes: number): Promise<BodyRead> => {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    return Promise.resolve({ kind: 'tooLarge' });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      chunks.length = 0;
      req.off('data', onData);
      req.resume();
      resolve({ kind: 'tooLarge' });
    };
    req.on('data', onData);
    req.once('end', () => resolve({ kind: 'ok', body: Buffer.concat(chunks) }));
    req.once('error', reject);
  });
};
