import type { Job, JobSpecFactory } from '@dataset-profiler/core';
import { PROFILER_PROCESS_ENV } from '@dataset-profiler/profiler/process-environment';
import type { LambdaConfig } from './config.js';

/**
 * How the dispatcher submits a profile job to Ray on AWS: the job bundle of the Ray image
 * (Dockerfile.ray), told where its job record, profile bucket, events queue and dataset are, which
 * database hosts it may reach, which secret holds their credentials and how TLS is used. The Ray nodes' own IAM role
 * grants the access; no credentials travel in the submission.
 */
export const rayJobSpec = ({ aws, lambda, edge }: LambdaConfig): JobSpecFactory => (job: Job) => ({
  submissionId: job.jobId,
  entrypoint: lambda.RAY_JOB_ENTRYPOINT,
  env: {
    ...PROFILER_PROCESS_ENV,
    JOB_ID: job.jobId,
    PROFILER_BACKEND: 'aws',
    AWS_REGION: aws.AWS_REGION,
    ...(aws.AWS_ENDPOINT_URL ? { AWS_ENDPOINT_URL: aws.AWS_ENDPOINT_URL } : {}),
    JOBS_TABLE: aws.JOBS_TABLE,
    EVENTS_QUEUE: aws.EVENTS_QUEUE,
    PROFILES_BUCKET: aws.PROFILES_BUCKET,
    FINAL_JOB_TTL_DAYS: String(aws.FINAL_JOB_TTL_DAYS),
    CLEANED_UP_TTL_DAYS: String(aws.CLEANED_UP_TTL_DAYS),
    DATA_ROOT: lambda.DATA_ROOT,
    DATASET_DOWNLOAD_MAX_BYTES: String(lambda.DATASET_DOWNLOAD_MAX_BYTES),
    LOG_LEVEL: edge.logLevel,
    DB_ALLOWED_HOSTS: edge.databaseAllowedHosts.join(','),
    ...(lambda.DB_CREDENTIALS_SECRET_ARN ? { DB_CREDENTIALS_SECRET_ARN: lambda.DB_CREDENTIALS_SECRET_ARN } : {}),
    ...(lambda.DB_SSL ? { DB_SSL: lambda.DB_SSL } : {}),
    ...(lambda.DB_SSL_CA_FILE ? { DB_SSL_CA_FILE: lambda.DB_SSL_CA_FILE } : {}),
  },
  metadata: { dataset_id: job.datasetId ?? '' },
});
