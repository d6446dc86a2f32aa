import { DatasetProfilerError } from '../errors.js';

/**
 * What profiling one file may cost. A file that would exceed a limit fails alone, with a reason
 * naming the limit (profile keys `limitExceeded` and `limitValue`), and the job goes on.
 */
export interface FileLimits {
  /** Wall time to read and profile one file. */
  fileTimeoutMs: number;
  /** JS heap of the worker thread that reads a workbook, PDF or text file; a larger such file is not read. */
  readerHeapMb: number;
  /** Bytes a compressed file (the parts of an `.xlsx`, a `.csv.gz`) may decompress to. */
  decompressedBytes: number;
  /** DuckDB's memory_limit, shared by the tables profiled at once; a table that needs more fails. */
  tabularMemoryMb: number;
  /** Nesting of arrays and objects in a JSON file: DuckDB's reader recurses, and crashes the process on deep input. */
  jsonDepth: number;
}

/** `lineBytes`: read_csv's fixed max_line_size (16 MiB), reported like the configurable limits. */
export type LimitName = keyof FileLimits | 'lineBytes';

export const DEFAULT_FILE_LIMITS: Readonly<FileLimits> = Object.freeze({
  fileTimeoutMs: 600_000,
  readerHeapMb: 1024,
  decompressedBytes: 2 * 1024 ** 3,
  // The tabular engine's buffer budget within its 512 MB RSS target (engine.ts).
  tabularMemoryMb: 160,
  jsonDepth: 100,
});

/** A file that would exceed a limit; `limit` and `value` are reported beside the reason. */
export class FileLimitError extends DatasetProfilerError {
  constructor(readonly limit: LimitName, readonly value: number, message: string, options?: ErrorOptions) {
    super('Profiler.FileLimit', message, options);
    this.name = 'FileLimitError';
  }
}

export function timeLimitError(limits: FileLimits): FileLimitError {
  return new FileLimitError('fileTimeoutMs', limits.fileTimeoutMs, `profiling the file took longer than the limit of ${limits.fileTimeoutMs} ms`);
}

export function decompressedSizeError(limits: FileLimits, what: string): FileLimitError {
  return new FileLimitError('decompressedBytes', limits.decompressedBytes, `${what} decompresses to more than the limit of ${limits.decompressedBytes} bytes`);
}
