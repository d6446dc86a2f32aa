import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { Context, S3Event } from 'aws-lambda';
import { RequestValidationError, triggerProfile, type Services } from '@dataset-profiler/core';
import { toErrorResponse } from '../http/errorResponse.js';
import { datasetIdOfKey, errorKeyOf, requestOfUpload, type S3Root, type SpecificationUpload } from './specificationUpload.js';

/** Reads uploaded specifications and writes the rejections beside them (S3 on AWS). */
export interface SpecificationFiles {
  /** The object's text while it still has `etag`; undefined once it was replaced or deleted. */
  read(upload: SpecificationUpload): Promise<string | undefined>;
  write(bucket: string, key: string, text: string): Promise<void>;
  delete(bucket: string, key: string): Promise<void>;
}

export interface S3TriggerDeps {
  services: Services;
  files: SpecificationFiles;
  dataRoot: S3Root;
  /** Remembers handled uploads (Powertools idempotency records, DynamoDB on AWS). */
  idempotency: BasePersistenceLayer;
  /** An upload seen again within this window (redelivered, or re-uploaded unchanged) starts nothing. */
  duplicateWindowSeconds: number;
}

export type UploadOutcome =
  | { outcome: 'started'; job_id: string }
  | { outcome: 'invalid'; error_key: string }
  | { outcome: 'superseded' };

export interface S3TriggerReport {
  uploads: (SpecificationUpload & UploadOutcome)[];
}

/** S3 event keys are form-URL-encoded (`/` as `%2F`, space as `+`). */
const decodeKey = (key: string): string => decodeURIComponent(key.replace(/\+/g, ' '));

/**
 * The S3 upload trigger: an ObjectCreated event for `<prefix>/profile_specification.json` under the
 * data root profiles `<prefix>/` with that specification, exactly as trigger_profile would. An invalid
 * one writes `<prefix>/profile_specification.error.json` (the 422 body) and starts nothing. The same
 * bucket/key/ETag within the window is handled once, so S3's at-least-once delivery and an unchanged
 * re-upload start one job. A failure to start (circuit open, a store down) throws, the record is
 * forgotten, and Lambda's retry of the event tries again.
 */
export const createS3TriggerHandler = (deps: () => Promise<S3TriggerDeps>) => {
  let startOnce: ((upload: SpecificationUpload, datasetId: string, requestId: string) => Promise<UploadOutcome>) | undefined;
  let config: IdempotencyConfig | undefined;
  return async function s3TriggerHandler(event: S3Event, context: Context): Promise<S3TriggerReport> {
    const d = await deps();
    if (!startOnce || !config) {
      // The key is the upload alone: the dataset id and request id follow from it or vary per delivery.
      config = new IdempotencyConfig({ expiresAfterSeconds: d.duplicateWindowSeconds });
      startOnce = makeIdempotent((upload: SpecificationUpload, datasetId: string, requestId: string) => startFromUpload(d, upload, datasetId, requestId), {
        persistenceStore: d.idempotency,
        config,
        dataIndexArgument: 0,
      });
    }
    config.registerLambdaContext(context);
    const report: S3TriggerReport = { uploads: [] };
    for (const record of event.Records ?? []) {
      const upload: SpecificationUpload = { bucket: record.s3.bucket.name, key: decodeKey(record.s3.object.key), etag: record.s3.object.eTag ?? '' };
      const datasetId = datasetIdOfKey(d.dataRoot, upload.bucket, upload.key);
      if (datasetId === undefined) {
        d.services.logger.warn({ ...upload }, 'ignoring an upload that is not a profile specification below the data root');
        continue;
      }
      report.uploads.push({ ...upload, ...(await startOnce(upload, datasetId, context.awsRequestId)) });
    }
    return report;
  };
};

const startFromUpload = async (d: S3TriggerDeps, upload: SpecificationUpload, datasetId: string, requestId: string): Promise<UploadOutcome> => {
  const log = d.services.logger;
  const text = await d.files.read(upload);
  // Replaced since this event was sent: the newer upload has its own event.
  if (text === undefined) return { outcome: 'superseded' };
  const errorKey = errorKeyOf(upload.key);
  try {
    const { job_id } = await triggerProfile(d.services, requestOfUpload(text, datasetId));
    log.info({ job_id, bucket: upload.bucket, key: upload.key, etag: upload.etag }, 'profiling started by an upload');
    // An earlier rejection of this folder no longer applies.
    await d.files.delete(upload.bucket, errorKey);
    return { outcome: 'started', job_id };
  } catch (error) {
    if (!(error instanceof RequestValidationError)) throw error;
    await d.files.write(upload.bucket, errorKey, toErrorResponse(error, requestId).response.body as string);
    log.warn({ bucket: upload.bucket, key: upload.key, issues: error.issues.length }, 'profile specification rejected');
    return { outcome: 'invalid', error_key: errorKey };
  }
};
