import type { ProfilingRequest } from '../schemas/ProfilingRequest.js';

export interface ProfilingProgress {
  phase: 'listing' | 'light' | 'heavy';
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface ProfilingInput {
  /** The confined dataset folder, or undefined when the request names only databases. */
  root: string | undefined;
  request: ProfilingRequest;
  onProgress: (progress: ProfilingProgress) => void;
}

/** The profiling engine as the job sees it (implemented over packages/profiler). */
export interface DatasetProfiler {
  light(input: ProfilingInput): Promise<{ profile: unknown; state: unknown }>;
  heavy(light: { profile: unknown; state: unknown }, input: ProfilingInput): Promise<{ profile: unknown; cdd: unknown }>;
}
