import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ProfileStore } from '@dataset-profiler/core';
import { errorName, guarded, httpStatusOf, toPortError } from './vendorErrors.js';

const isMissingKey = (error: unknown): boolean => {
  const name = errorName(error);
  return name === 'NoSuchKey' || (name === 'NotFound' && httpStatusOf(error) === 404);
};

/**
 * Profile documents as JSON objects in one S3 bucket, under their keys (`jobs/<id>/light.json`, …).
 * A PUT replaces an object atomically, so a reader never sees half a profile.
 */
export class S3ProfileStore implements ProfileStore {
  private readonly resource: string;

  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {
    this.resource = `S3 bucket ${bucket}`;
  }

  async put(key: string, document: unknown): Promise<void> {
    await guarded(this.resource, () => this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: JSON.stringify(document), ContentType: 'application/json' })));
  }

  async get(key: string): Promise<unknown | undefined> {
    try {
      const answer = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const text = await answer.Body?.transformToString('utf8');
      return text === undefined ? undefined : (JSON.parse(text) as unknown);
    } catch (error) {
      if (isMissingKey(error)) return undefined;
      throw toPortError(error, this.resource);
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (isMissingKey(error)) return false;
      throw toPortError(error, this.resource);
    }
  }

  async delete(key: string): Promise<void> {
    // S3 answers a delete of a missing key with success.
    await guarded(this.resource, () => this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })));
  }

  locate(key: string): string {
    return `s3://${this.bucket}/${key}`;
  }
}
