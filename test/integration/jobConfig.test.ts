import { describe, expect, it } from 'vitest';
import { parseJobConfig } from '../../functions/job/jobConfig.js';

describe('Function: parseJobConfig, per-file limits', () => {
  it('reads the PROFILE_* variables into the profiler limits, MiB into bytes', () => {
    const config = parseJobConfig({
      JOB_ID: 'job', PROFILE_FILE_TIMEOUT_MS: '5000', PROFILE_READER_HEAP_MB: '256', PROFILE_TABULAR_MEMORY_MB: '96',
      PROFILE_MAX_DECOMPRESSED_MB: '10', PROFILE_JSON_MAX_DEPTH: '40',
    });
    expect(config.limits).toEqual({ fileTimeoutMs: 5000, readerHeapMb: 256, tabularMemoryMb: 96, decompressedBytes: 10 * 1024 * 1024, jsonDepth: 40 });
  });

  it('leaves unset limits to the profiler defaults', () => {
    expect(Object.values(parseJobConfig({ JOB_ID: 'job' }).limits).every((value) => value === undefined)).toBe(true);
  });

  it('fails naming the variable with a bad value', () => {
    expect(() => parseJobConfig({ JOB_ID: 'job', PROFILE_READER_HEAP_MB: 'lots' })).toThrow(/PROFILE_READER_HEAP_MB/);
  });
});
