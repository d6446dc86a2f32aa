/**
 * Environment a process that profiles should start with (the runners put it in every job's
 * environment; set it yourself for the CLI). DuckDB allocates through glibc's malloc, which keeps
 * freed memory in per-thread arenas and, once a large block was freed, raises its mmap threshold
 * and serves later 256 KB blocks from those arenas too, so RSS stays at its high-water mark. The
 * 1 GB wide benchmark table peaked at 473–494 MB RSS without these settings and 393–428 MB with
 * them, in the same time (two runs each). Other allocators ignore them. No DuckDB import here:
 * the dispatcher Lambda bundles this module.
 */
export const PROFILER_PROCESS_ENV: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '131072',
};
