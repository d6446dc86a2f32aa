import { describe } from 'vitest';
import { DynamoCircuitStore, DynamoJobStore, resolveQueueUrl, S3ProfileStore, SqsJobQueue } from '@dataset-profiler/aws';
import { freshAwsResources } from '../support/awsEmulator.js';
import { circuitStoreContract } from './CircuitStore.contract.js';
import { jobQueueContract } from './JobQueue.contract.js';
import { jobStoreContract } from './JobStore.contract.js';
import { profileStoreContract } from './ProfileStore.contract.js';
import { describeWithService } from '../support/externalService.js';

/** Every AWS adapter's port contract on the emulator (.ci/services/20-moto.sh), each case on fresh resources. */
describeWithService('AWS_ENDPOINT_URL', 'AWS adapters on the emulator', (endpoint) => {
  const retention = { finalJobTtlDays: 90, cleanedUpTtlDays: 7 };

  describe('DynamoJobStore', () => {
    jobStoreContract({
      make: async () => {
        const aws = await freshAwsResources(endpoint);
        return { store: new DynamoJobStore(aws.clients.db, aws.config.JOBS_TABLE, retention), cleanup: aws.cleanup };
      },
    });
  });

  describe('SqsJobQueue', () => {
    jobQueueContract({
      skip: [
        {
          test: 'ignores a stale receipt from an earlier receive',
          // SQS documents that a delete with an older receipt handle "might not" delete the message (so it
          // may); moto always deletes. No client can make it a no-op. The dispatcher's handlers are
          // idempotent, so such an ack only drops a duplicate delivery whose effect is already stored (issue 7).
          reason: 'SQS may delete a message with any receipt handle it was given',
        },
      ],
      make: async ({ visibilityTimeoutSeconds, maxReceives }) => {
        const aws = await freshAwsResources(endpoint, {
          REQUEST_VISIBILITY_TIMEOUT_S: String(visibilityTimeoutSeconds),
          MAX_RECEIVES: String(maxReceives),
          CIRCUIT_FAILURE_THRESHOLD: String(maxReceives - 1),
        });
        const queueNamed = async (name: string) => new SqsJobQueue(aws.clients.sqs, await resolveQueueUrl(aws.clients.sqs, name));
        return { queue: await queueNamed(aws.config.REQUESTS_QUEUE), deadLetter: await queueNamed(aws.config.REQUESTS_DLQ), cleanup: aws.cleanup };
      },
    });
  });

  describe('S3ProfileStore', () => {
    profileStoreContract({
      make: async () => {
        const aws = await freshAwsResources(endpoint);
        return { profiles: new S3ProfileStore(aws.clients.s3, aws.config.PROFILES_BUCKET), cleanup: aws.cleanup };
      },
    });
  });

  describe('DynamoCircuitStore', () => {
    circuitStoreContract({
      make: async () => {
        const aws = await freshAwsResources(endpoint);
        return { circuit: new DynamoCircuitStore(aws.clients.db, aws.config.JOBS_TABLE), cleanup: aws.cleanup };
      },
    });
  });
});
