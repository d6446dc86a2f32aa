/** DuckDB's memory_limit as a file limit: its own test file, so the engine starts with the limit given. */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeProfilerEngines } from '../../src/closeProfilerEngines.js';
import { profileFolder } from '../../src/profileFolder.js';
import { makeTempDataset, testMetadata, type TempDataset } from '../helpers/tempDataset.js';

type Entry = Record<string, unknown>;

describe('Function: profileFolder, tabular memory limit', () => {
  let dataset: TempDataset | undefined;
  afterEach(async () => dataset?.cleanup());
  afterAll(closeProfilerEngines);

  it('fails a table that needs more than DuckDB may use, and profiles a small one', async () => {
    // 99 levels pass the nesting limit, but DuckDB's nested-type inference needs more than 64 MB for them.
    dataset = await makeTempDataset({ 'good.csv': 'a,b\n1,x\n', 'nested.json': '['.repeat(99) + ']'.repeat(99) });
    const profile = await profileFolder({ root: dataset.root, metadata: testMetadata(), limits: { tabularMemoryMb: 64 } });
    const recordSets = profile.recordSet as Entry[];
    expect(recordSets.find((set) => set.name === 'nested')).toMatchObject({
      error: "the table needs more memory than the tabular engine's limit of 64 MB", limitExceeded: 'tabularMemoryMb', limitValue: 64,
    });
    expect(recordSets.find((set) => set.name === 'good')).toMatchObject({ field: [{ name: 'a' }, { name: 'b' }] });
  });
});
