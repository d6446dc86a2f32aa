import type { LightResult } from '../api.js';
import type { ListedDatabase } from '../database/profileDatabases.js';
import { InvalidLightStateError } from '../errors.js';
import type { ListedFile } from '../walk/walkDataset.js';

/** A listed file with what the light step learned about it. */
export interface ProfiledFile extends ListedFile {
  id: string;
  /** Absent when the file could not be read; `error` says why. */
  sha256?: string;
  error?: string;
  encodingFormat: string;
  /** `@id` of the FileSet of its folder; absent for top-level files. */
  fileSetId?: string;
}

/** What the heavy step reuses from the light step (kept behind `LightResult.state: unknown`). */
export interface LightState {
  kind: 'dataset-profiler/light-state';
  datasetId: string;
  realRoot: string;
  files: ProfiledFile[];
  /** The request's database connections with their tables, in request order. */
  databases: ListedDatabase[];
}

export function readLightState(light: LightResult): LightState {
  const state = light.state as Partial<LightState> | undefined;
  if (state?.kind !== 'dataset-profiler/light-state' || !Array.isArray(state.files) || !Array.isArray(state.databases)) {
    throw new InvalidLightStateError();
  }
  return state as LightState;
}
