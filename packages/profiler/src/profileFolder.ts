import type { CroissantDataset, ProfileOptions } from './api.js';
import { buildLightProfile } from './light/buildLightProfile.js';

/** Light and, unless `light` is set, heavy profiling of one folder in one call (the CLI's use). */
export async function profileFolder(options: ProfileOptions & { light?: boolean }): Promise<CroissantDataset> {
  const light = await buildLightProfile(options);
  if (options.light) return light.profile;
  // Loaded only when needed: the readers (pdf.js, exceljs, DuckDB) make a light run slow to start.
  const { buildHeavyProfile } = await import('./heavy/buildHeavyProfile.js');
  return (await buildHeavyProfile(light, options)).profile;
}
