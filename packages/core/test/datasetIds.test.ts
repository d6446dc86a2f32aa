import { describe, expect, it } from 'vitest';
import { confinedDatasetFolder, datasetIdProblem, DatasetIdSchema } from '../src/index.js';
import { HOSTILE_DATASET_IDS } from '../../../test/support/hostileDatasetIds.js';

describe('RawDataPath dataset_id rules (datasetIds.ts)', () => {
  it.each(HOSTILE_DATASET_IDS)('refuses $attack', ({ id, refusal }) => {
    expect(datasetIdProblem(id)).toMatch(refusal);
    expect(confinedDatasetFolder(id)).toBeUndefined();
    const parsed = DatasetIdSchema.safeParse(id);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(refusal);
  });

  it.each([
    ['census', 'census'],
    ['census/2020', 'census/2020'],
    ['./census//2020/', 'census/2020'],
    ['données/été', 'données/été'],
    ['100%', '100%'],
    ['50%off/a%zz', '50%off/a%zz'],
    ['..census/v1..2', '..census/v1..2'],
    ['\uff0e\uff0eweather', '\uff0e\uff0eweather'],
    [`census/${'é'.repeat(127)}`, `census/${'é'.repeat(127)}`],
  ])('accepts %j as the folder %j (names that only look odd)', (id, folder) => {
    expect(confinedDatasetFolder(id)).toBe(folder);
    expect(DatasetIdSchema.safeParse(id).success).toBe(true);
  });

  it('refuses every invisible format character, a zero-width joiner in an emoji name too (the cost of a simple rule)', () => {
    expect(datasetIdProblem('👩\u200d🔬/lab')).toMatch(/control or invisible/);
  });
});
