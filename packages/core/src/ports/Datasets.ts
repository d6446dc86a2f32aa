export type DatasetLocation =
  /** `path`: the folder's real path (a local folder), or an `s3://` URI where nothing is read yet. */
  | { kind: 'inside'; path: string }
  | { kind: 'missing' }
  | { kind: 'outside' };

/** Resolves a RawDataPath `dataset_id` under the data root, following symlinks. */
export interface Datasets {
  locate(datasetId: string): Promise<DatasetLocation>;
}
