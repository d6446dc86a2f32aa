import { stat } from 'node:fs/promises';
import { Piscina } from 'piscina';
import { FileLimitError, type FileLimits } from '../limits/fileLimits.js';
import { READER_WORKERS, type ReaderName, type ReaderResults } from './readerTasks.js';

/**
 * Worker threads for the readers that load a whole file (workbooks, PDFs, texts), each with a
 * V8 heap limit: a file that needs more fails with a reason instead of the job process running
 * out of memory, and a timed-out read is stopped by terminating its worker. Piscina replaces
 * a worker that died and reuses the others, so 100,000 small files do not start 100,000 threads.
 */
const pools = new Map<string, Piscina>();

/**
 * One pool per reader, so a worker loads only its own library (pdf.js alone is about 90 MB), and per
 * heap limit and size: a pool is never destroyed under a running profile, an unused one idles out.
 * From source (vitest, tsx) a worker is the .ts module, loaded through tsx; the bundles ship it as .js.
 */
function poolFor(reader: ReaderName, heapMb: number, threads: number): Piscina {
  const key = `${reader}/${heapMb}/${threads}`;
  const existing = pools.get(key);
  if (existing) return existing;
  const fromSource = import.meta.url.endsWith('.ts');
  const instance = new Piscina({
    filename: new URL(`./${READER_WORKERS[reader]}.${fromSource ? 'ts' : 'js'}`, import.meta.url).href,
    execArgv: fromSource ? ['--import', 'tsx'] : [],
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: 5_000,
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
  });
  pools.set(key, instance);
  return instance;
}

/**
 * Runs one reader in a worker. A file larger than the heap limit is refused before it is read
 * (its bytes alone would not fit); a worker that runs out of heap fails the file with the limit.
 */
export async function runReader<R extends ReaderName>(
  reader: R,
  path: string,
  options: { limits: FileLimits; threads: number; signal: AbortSignal },
): Promise<ReaderResults[R]> {
  const { readerHeapMb } = options.limits;
  const { size } = await stat(path);
  if (size > readerHeapMb * 1024 * 1024) throw heapLimitError(readerHeapMb, `the file (${size} bytes) is larger than the reader's heap limit of ${readerHeapMb} MB`);
  try {
    return (await poolFor(reader, readerHeapMb, options.threads).run(path, { signal: options.signal })) as ReaderResults[R];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
      throw heapLimitError(readerHeapMb, `reading the file needs more than the reader's heap limit of ${readerHeapMb} MB`, error);
    }
    throw error;
  }
}

function heapLimitError(heapMb: number, message: string, cause?: unknown): FileLimitError {
  return new FileLimitError('readerHeapMb', heapMb, message, cause === undefined ? undefined : { cause });
}

/** Stops the reader workers (one-shot processes, tests). */
export async function closeReaderPool(): Promise<void> {
  const closing = [...pools.values()].map((instance) => instance.destroy());
  pools.clear();
  await Promise.all(closing);
}
