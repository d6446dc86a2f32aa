import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3ServiceException, type S3Client } from '@aws-sdk/client-s3';

/** What the S3 trigger reads and writes: an uploaded specification, and the rejection beside it. */
export class S3SpecificationFiles {
  constructor(private readonly s3: S3Client) {}

  /** The object's text while it still has `etag`; undefined once it was replaced or deleted. */
  async read(upload: { bucket: string; key: string; etag: string }): Promise<string | undefined> {
    try {
      const answer = await this.s3.send(new GetObjectCommand({ Bucket: upload.bucket, Key: upload.key, ...(upload.etag ? { IfMatch: quoted(upload.etag) } : {}) }));
      return await answer.Body?.transformToString('utf-8');
    } catch (error) {
      if (error instanceof S3ServiceException && (error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 412)) return undefined;
      throw error;
    }
  }

  async write(bucket: string, key: string, text: string): Promise<void> {
    await this.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: text, ContentType: 'application/json' }));
  }

  async delete(bucket: string, key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  }
}

/** S3 events carry the ETag bare; If-Match wants it quoted. */
const quoted = (etag: string): string => (etag.startsWith('"') ? etag : `"${etag}"`);
