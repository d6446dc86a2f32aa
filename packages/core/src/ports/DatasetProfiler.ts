import type { DatabaseConnection, ProfilingRequest } from '../schemas/ProfilingRequest.js';

export interface ProfilingProgress {
  phase: 'listing' | 'light' | 'heavy';
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

/** A DatabaseConnection checked against DB_ALLOWED_HOSTS when the job starts, with the addresses it may use. */
export interface VettedDatabase {
  connector: DatabaseConnection;
  addresses: string[];
}

export interface ProfilingInput {
  /** The confined dataset folder, or undefined when the request names only databases. */
  root: string | undefined;
  /** The request's DatabaseConnections, in request order, each vetted again at job time. */
  databases: VettedDatabase[];
  request: ProfilingRequest;
  onProgress: (progress: ProfilingProgress) => void;
}

/** The profiling engine as the job sees it (implemented over packages/profiler). */
export interface DatasetProfiler {
  light(input: ProfilingInput): Promise<{ profile: unknown; state: unknown }>;
  heavy(light: { profile: unknown; state: unknown }, input: ProfilingInput): Promise<{ profile: unknown; cdd: unknown }>;
}
