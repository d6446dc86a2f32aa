/** A bucket and a key prefix (no leading or trailing `/`; '' for the whole bucket). */
export interface S3Location {
  bucket: string;
  prefix: string;
}

/** `s3://bucket/some/prefix/` → { bucket, prefix: 'some/prefix' }; undefined for anything else (a local path). */
export const parseS3Uri = (uri: string): S3Location | undefined => {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!match) return undefined;
  return { bucket: match[1] as string, prefix: (match[2] as string).replace(/^\/+|\/+$/g, '') };
};

/** The key prefix of a folder below the location, ending in `/`. */
export const folderPrefix = (location: S3Location, folder: string): string =>
  [location.prefix, folder].filter(Boolean).join('/') + '/';

/** S3's limit on a key's length in bytes: a prefix that long holds no object. */
export const MAX_S3_KEY_BYTES = 1024;

/** Whether some object key could start with `prefix`. */
export const canHoldKeys = (prefix: string): boolean => Buffer.byteLength(prefix) < MAX_S3_KEY_BYTES;
