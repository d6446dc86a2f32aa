/**
 * The profiler's public contract. The Ray job entrypoint and the CLI call only these; nothing here
 * knows about AWS, HTTP or queues.
 */

/** Dataset metadata in the internal camelCase form (profile-format.md, section 2). */
export interface DatasetMetadata {
  id: string;
  name: string;
  description: string;
  headline: string;
  keywords: string[];
  fieldOfScience: string[];
  inLanguage: string[];
  country: string;
  datePublished: string;
  citeAs: string;
  license: string;
  url: string;
  doi: string;
  uploadedBy: string;
  /** Passed through when given; `""` otherwise (profile-format.md, quirk 29). */
  version?: string;
  access?: string;
  conformsTo?: string;
}

/** A DatabaseConnection connector: listed (light) and profiled in SQL (heavy). */
export interface DatabaseConnectionInfo {
  protocol: string;
  engine: string;
  /** As the request names it: part of `contentUrl` and of the credentials key. */
  host: string;
  port: number;
  databaseName: string;
  /** Where to connect: the address the caller vetted for `host` (default: `host` itself). */
  address?: string;
  /** From the service's configuration, never from a request; without them the job fails. */
  credentials?: { user: string; password: string };
}

/** How databases are queried (defaults: 60 s per statement, sampling above 10 million rows, 10 s to connect, 32 MB work_mem). */
/**
 * TLS to the databases, as libpq's sslmode: `require` encrypts without checking the certificate;
 * `verify-full` checks it against `ca` (PEM; default the system's CAs) and the host the request named.
 */
export interface DatabaseTls {
  mode: 'require' | 'verify-full';
  ca?: string;
}

export interface DatabaseOptions {
  statementTimeoutMs?: number;
  sampleAboveRows?: number;
  connectTimeoutMs?: number;
  workMemMb?: number;
  /** Absent: plain TCP. */
  tls?: DatabaseTls;
}

/**
 * What profiling one file may cost (defaults: 10 minutes, a 1024 MB reader heap, 160 MB for DuckDB,
 * 2 GiB decompressed, 100 levels of JSON nesting). A file that would exceed one fails alone, and its
 * record set names the limit (`limitExceeded`, `limitValue`).
 */
export interface FileLimitOptions {
  fileTimeoutMs?: number;
  readerHeapMb?: number;
  tabularMemoryMb?: number;
  decompressedBytes?: number;
  jsonDepth?: number;
}

export interface ProfilerProgress {
  phase: 'listing' | 'light' | 'heavy';
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface ProfileOptions {
  /** Absolute path of the dataset folder, already confined to the data root by the caller. */
  root: string;
  /**
   * A real path the root must still resolve within when profiling starts: the caller's confinement
   * checked the root earlier, and a folder swapped for a symlink since then is refused.
   */
  confineTo?: string;
  metadata: DatasetMetadata;
  databases?: DatabaseConnectionInfo[];
  database?: DatabaseOptions;
  limits?: FileLimitOptions;
  /** When set, `contentUrl` = this + relative path; otherwise the relative path. */
  publicBaseUrl?: string;
  /** Files profiled at once; default: the number of CPUs. */
  concurrency?: number;
  /** Called as work advances (possibly often: the caller throttles). */
  onProgress?: (progress: ProfilerProgress) => void;
  /** Source of `generatedAt`; default the system clock. */
  now?: () => Date;
}

/** A Croissant JSON-LD document (`sc:Dataset`). */
export type CroissantDataset = Record<string, unknown> & { '@type': 'sc:Dataset'; '@id': string };

/** The CDD (cross-dataset discovery) profile. */
export type CddProfile = Record<string, unknown> & { '@id': string; files: unknown[] };

/**
 * Result of the light step. `state` carries what the heavy step reuses (the file listing and hashes),
 * so a heavy job walks and hashes the folder once.
 */
export interface LightResult {
  profile: CroissantDataset;
  state: unknown;
}

export interface HeavyResult {
  profile: CroissantDataset;
  cdd: CddProfile;
}
