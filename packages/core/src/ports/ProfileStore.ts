/**
 * Stored profile documents (JSON), by key such as `jobs/<job_id>/light.json`.
 * `get` of a missing key is undefined; `delete` of a missing key is a no-op.
 * `locate` is the path or URI clients see for a key (a file path locally, s3://bucket/key on AWS).
 */
export interface ProfileStore {
  put(key: string, document: unknown): Promise<void>;
  get(key: string): Promise<unknown | undefined>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  locate(key: string): string;
}
