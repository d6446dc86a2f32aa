import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DATASET_ID_PATTERN, datasetIdProblem, DatasetIdSchema } from '../src/index.js';
import { HOSTILE_DATASET_IDS } from '../../../test/support/hostileDatasetIds.js';

describe('RawDataPath dataset_id rules (datasetIds.ts)', () => {
  it.each(HOSTILE_DATASET_IDS)('refuses $attack, saying why', ({ id, refusal }) => {
    expect(datasetIdProblem(id)).toMatch(refusal);
    const parsed = DatasetIdSchema.safeParse(id);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(refusal);
  });

  it.each([
    'census',
    'census/2020',
    'données/été',
    '数据/2020',
    '..census/v1..2',
    '.hidden-looking',
    'a b (copy)',
    '🔬 lab',
    `census/${'é'.repeat(255)}`,
  ])('accepts %j', (id) => {
    expect(datasetIdProblem(id)).toBeUndefined();
    expect(DatasetIdSchema.safeParse(id).success).toBe(true);
  });

  it('refuses every invisible format character, a zero-width joiner in an emoji name too (the cost of a simple rule)', () => {
    expect(datasetIdProblem('👩\u200d🔬/lab')).toMatch(/control or invisible/);
  });

  it('is one pattern that Python reads the same way (the OpenAPI document carries it for generated clients and fuzzers)', () => {
    const ids = [...HOSTILE_DATASET_IDS.map((hostile) => hostile.id).filter((id) => !/[\ud800-\udfff]/u.test(id)), 'census', 'données/été', '🔬 lab', '..a/b..'];
    const script = 'import json, re, sys\np, ids = json.load(sys.stdin)\nprint(json.dumps([re.fullmatch(p, i) is not None for i in ids]))';
    const python = JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify([DATASET_ID_PATTERN, ids]) }).toString());
    expect(python).toEqual(ids.map((id) => datasetIdProblem(id) === undefined));
    expect(python.filter(Boolean)).toHaveLength(4);
  });
});
