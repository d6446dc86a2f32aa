import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { LargeAnswers } from '@dataset-profiler/core';
import { guarded } from './vendorErrors.js';

/** 5 MiB: under the 6 MB Lambda response cap with room for headers and the JSON around the profiles. */
export const DEFAULT_INLINE_LIMIT_BYTES = 5 * 1024 * 1024;

/** Large answers as objects in the profiles bucket, served through presigned GET URLs. */
export class S3LargeAnswers implements LargeAnswers {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly linkTtlSeconds: number,
    readonly inlineLimitBytes: number = DEFAULT_INLINE_LIMIT_BYTES,
  ) {}

  async publish(key: string, body: string): Promise<string> {
    await guarded(`S3 bucket ${this.bucket}`, () => this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: 'application/json' })));
    return getSignedUrl(this.s3, new GetObjectCommand({ Bucket: this.bucket, Key: key }), { expiresIn: this.linkTtlSeconds });
  }
}
