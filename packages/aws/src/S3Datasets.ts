import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { datasetIdProblem, type DatasetLocation, type Datasets } from '@dataset-profiler/core';
import { canHoldKeys, folderPrefix, type S3Location } from './s3Root.js';

const MISSING: DatasetLocation = { kind: 'missing' };
const OUTSIDE: DatasetLocation = { kind: 'outside' };

/**
 * Dataset folders as S3 prefixes below `DATA_ROOT=s3://bucket/prefix`. The confinement rules of
 * folders hold (core's datasetIds.ts: absolute, `..`, `%`, a backslash, a look-alike of a dot or
 * slash or a control character is outside); there are no links in S3, so what is lexically inside
 * is inside. A folder exists when at least one object lies below it. `path` is the folder's `s3://` URI; the profile job downloads it first
 * (S3DatasetDownloads).
 */
export class S3Datasets implements Datasets {
  constructor(private readonly s3: S3Client, readonly root: S3Location) {}

  async locate(datasetId: string): Promise<DatasetLocation> {
    if (datasetIdProblem(datasetId)) return OUTSIDE;
    const prefix = folderPrefix(this.root, datasetId);
    if (!canHoldKeys(prefix)) return MISSING;
    const listed = await this.s3.send(new ListObjectsV2Command({ Bucket: this.root.bucket, Prefix: prefix, MaxKeys: 1 }));
    if (!listed.KeyCount) return MISSING;
    return { kind: 'inside', path: `s3://${this.root.bucket}/${prefix}` };
  }
}
