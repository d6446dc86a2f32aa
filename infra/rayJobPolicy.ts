import type { Queues, Storage } from './resources';

/**
 * What a profile job on Ray may do, as a policy to attach to the Ray nodes' role: read its job record,
 * read the datasets, write profiles, send events, and read the database credentials' secret when the
 * deploying shell names one (DB_CREDENTIALS_SECRET_ARN). Nothing else; no credentials travel with a job.
 */
export const declareRayJobPolicy = (storage: Storage, queues: Queues) =>
  new aws.iam.Policy('RayJobAccess', {
    policy: $jsonStringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: [storage.jobs.arn] },
        { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: [queues.events.arn] },
        { Effect: 'Allow', Action: ['s3:PutObject'], Resource: [$interpolate`${storage.profiles.arn}/*`] },
        { Effect: 'Allow', Action: ['s3:GetObject'], Resource: [$interpolate`${storage.data.arn}/*`] },
        { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [storage.data.arn] },
        ...(process.env.DB_CREDENTIALS_SECRET_ARN
          ? [{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: [process.env.DB_CREDENTIALS_SECRET_ARN] }]
          : []),
      ],
    }),
  });
