/** DuckDB's "Out of Memory Error": a statement needed more than the engine's memory_limit. No imports, so callers need not load DuckDB. */
export function isOutOfMemoryError(error: unknown): error is Error {
  return error instanceof Error && /Out of Memory Error/.test(error.message);
}
