import { describe, expect, it } from 'vitest';
import { validate, version } from 'uuid';
import { createIdFactory, datasetIdForFolder } from '../src/ids.js';
import { DATASET_ID } from './helpers/tempDataset.js';

describe('Function: createIdFactory', () => {
  it('gives the same UUID v5 for the same dataset, role, path, sheet and column', () => {
    const id = createIdFactory(DATASET_ID)('field', 'book.xlsx', 'Sheet1', 'age');
    expect(validate(id) && version(id)).toBe(5);
    expect(createIdFactory(DATASET_ID.toUpperCase())('field', 'book.xlsx', 'Sheet1', 'age')).toBe(id);
  });

  it('keeps roles and path parts apart', () => {
    const ids = createIdFactory(DATASET_ID);
    expect(ids('file', 'a.csv')).not.toBe(ids('recordSet', 'a.csv'));
    expect(ids('field', 'a/b', '', 'c')).not.toBe(ids('field', 'a', 'b', 'c'));
    expect(createIdFactory('not-a-uuid')('file', 'a.csv')).not.toBe(ids('file', 'a.csv'));
  });
});

describe('Function: datasetIdForFolder', () => {
  it('derives a stable UUID from the real path', () => {
    expect(datasetIdForFolder('/data/x')).toBe(datasetIdForFolder('/data/x'));
    expect(datasetIdForFolder('/data/x')).not.toBe(datasetIdForFolder('/data/y'));
  });
});
