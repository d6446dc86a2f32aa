export type {
  CddProfile,
  CroissantDataset,
  DatabaseConnectionInfo,
  DatabaseOptions,
  DatabaseTls,
  DatasetMetadata,
  FileLimitOptions,
  HeavyResult,
  LightResult,
  ProfileOptions,
  ProfilerProgress,
} from './api.js';
export { closeProfilerEngines } from './closeProfilerEngines.js';
export { CROISSANT_CONTEXT } from './context.js';
export { DatabaseProfileError, DatasetFolderError, DatasetProfilerError, InvalidLightStateError } from './errors.js';
export { buildHeavyProfile } from './heavy/buildHeavyProfile.js';
export { createIdFactory, datasetIdForFolder } from './ids.js';
export { buildLightProfile } from './light/buildLightProfile.js';
export { profileFolder } from './profileFolder.js';
