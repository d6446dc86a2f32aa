/** Lets a one-shot process (the CLI) exit after a heavy run: closes the tabular engine (DuckDB) and the reader workers it started. */
export async function closeProfilerEngines(): Promise<void> {
  await (await import('./tabular/index.js')).closeTabularEngine();
  await (await import('./readers/readerPool.js')).closeReaderPool();
}
