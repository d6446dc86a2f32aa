import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatasetProfiler, ProfileSpecification, ProfilingInput, VettedDatabase } from '@dataset-profiler/core';
import {
  buildHeavyProfile,
  buildLightProfile,
  type DatabaseConnectionInfo,
  type DatabaseOptions,
  type DatasetMetadata,
  type FileLimitOptions,
  type LightResult,
  type ProfileOptions,
} from '@dataset-profiler/profiler';

/** The request's snake_case specification in the profiler's camelCase form (profile-format.md, section 2). */
export const toDatasetMetadata = (spec: ProfileSpecification): DatasetMetadata => ({
  id: spec.id,
  name: spec.name,
  description: spec.description,
  headline: spec.headline,
  keywords: spec.keywords,
  fieldOfScience: spec.fields_of_science,
  inLanguage: spec.languages,
  country: spec.country,
  datePublished: spec.date_published,
  citeAs: spec.cite_as,
  license: spec.license,
  url: spec.published_url,
  doi: spec.doi,
  uploadedBy: spec.uploaded_by,
});

/** Credentials by `host:port/database` (DB_CREDENTIALS or its secret), from the job's configuration only. */
export type DatabaseCredentials = ReadonlyMap<string, { user: string; password: string }>;

/** Each vetted connection, to be reached at its vetted address, with the configured credentials if any. */
const toDatabases = (databases: readonly VettedDatabase[], credentials: DatabaseCredentials): DatabaseConnectionInfo[] =>
  databases.map(({ connector, addresses }) => {
    const info = { protocol: connector.protocol, engine: connector.engine, host: connector.host, port: connector.port, databaseName: connector.database_name };
    const found = credentials.get(`${info.host}:${info.port}/${info.databaseName}`);
    return { ...info, ...(addresses[0] ? { address: addresses[0] } : {}), ...(found ? { credentials: found } : {}) };
  });

export interface CroissantProfilerSettings {
  publicBaseUrl?: string;
  /** Asked only for a request that names a database (a secret is then read). */
  credentials?: () => Promise<DatabaseCredentials>;
  database?: DatabaseOptions;
  limits?: FileLimitOptions;
}

/** Implements the core's DatasetProfiler port with packages/profiler. */
export class CroissantProfiler implements DatasetProfiler {
  /** Made only for a request that names no folder, and removed by `dispose`. */
  private emptyRoot: Promise<string> | undefined;

  constructor(private readonly settings: CroissantProfilerSettings) {}

  async light(input: ProfilingInput) {
    return buildLightProfile(await this.options(input));
  }

  async heavy(light: { profile: unknown; state: unknown }, input: ProfilingInput) {
    return buildHeavyProfile(light as LightResult, await this.options(input));
  }

  async dispose(): Promise<void> {
    if (this.emptyRoot) await rm(await this.emptyRoot, { recursive: true, force: true });
  }

  private async options(input: ProfilingInput): Promise<ProfileOptions> {
    const spec = input.request.profile_specification;
    // A request that names only databases profiles an empty folder plus its connections.
    this.emptyRoot ??= input.root ? undefined : mkdtemp(join(tmpdir(), 'profile-no-folder-'));
    return {
      root: input.root ?? (await this.emptyRoot)!,
      // The located folder is a real path: a folder swapped for a symlink since must not be followed out.
      ...(input.root ? { confineTo: input.root } : {}),
      metadata: toDatasetMetadata(spec),
      databases: input.databases.length > 0 ? toDatabases(input.databases, (await this.settings.credentials?.()) ?? new Map()) : [],
      ...(this.settings.database ? { database: this.settings.database } : {}),
      ...(this.settings.limits ? { limits: this.settings.limits } : {}),
      ...(this.settings.publicBaseUrl ? { publicBaseUrl: this.settings.publicBaseUrl } : {}),
      onProgress: input.onProgress,
    };
  }
}
