export type DatasetLocation =
  | { kind: 'inside'; path: string }
  | { kind: 'missing' }
  | { kind: 'outside' };

/** Resolves a RawDataPath `dataset_id` under the data root, following symlinks. */
export interface Datasets {
  locate(datasetId: string): Promise<DatasetLocation>;
}
