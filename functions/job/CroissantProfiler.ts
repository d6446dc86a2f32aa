import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatasetProfiler, ProfileSpecification, ProfilingInput } from '@dataset-profiler/core';
import {
  buildHeavyProfile,
  buildLightProfile,
  type DatabaseConnectionInfo,
  type DatasetMetadata,
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

const toDatabases = (spec: ProfileSpecification): DatabaseConnectionInfo[] =>
  spec.data_connectors.flatMap((connector) =>
    connector.type === 'DatabaseConnection'
      ? [{ protocol: connector.protocol, engine: connector.engine, host: connector.host, port: connector.port, databaseName: connector.database_name }]
      : [],
  );

/** Implements the core's DatasetProfiler port with packages/profiler. */
export class CroissantProfiler implements DatasetProfiler {
  /** Made only for a request that names no folder, and removed by `dispose`. */
  private emptyRoot: Promise<string> | undefined;

  constructor(private readonly settings: { publicBaseUrl?: string }) {}

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
      metadata: toDatasetMetadata(spec),
      databases: toDatabases(spec),
      ...(this.settings.publicBaseUrl ? { publicBaseUrl: this.settings.publicBaseUrl } : {}),
      onProgress: input.onProgress,
    };
  }
}
