import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { DeleteBucketCommand, DeleteObjectsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DeleteQueueCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { bootstrapAws, createAwsClients, loadAwsConfig, type AwsClients, type AwsConfig } from '@dataset-profiler/aws';

/** The emulator accepts any credentials; the SDK only needs some to sign with (CI exports them too). */
export const emulatorCredentials = (): Record<string, string> => {
  process.env.AWS_ACCESS_KEY_ID ??= 'testing';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'testing';
  return { AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY, AWS_REGION: process.env.AWS_REGION ?? 'us-east-1' };
};

/** Table, queue and bucket names no other test uses, as environment variables. */
export const uniqueAwsNames = (): Record<string, string> => {
  const id = randomUUID().slice(0, 13);
  return {
    JOBS_TABLE: `jobs-${id}`,
    REQUESTS_QUEUE: `requests-${id}`,
    REQUESTS_DLQ: `requests-dlq-${id}`,
    EVENTS_QUEUE: `events-${id}`,
    EVENTS_DLQ: `events-dlq-${id}`,
    PROFILES_BUCKET: `profiles-${id}`,
  };
};

export interface AwsTestResources {
  config: AwsConfig;
  clients: AwsClients;
  /** The environment a process needs to use these resources (names, endpoint, credentials). */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/** A fresh table, four queues and a bucket on the emulator at `endpoint`, and how to remove them. */
export const freshAwsResources = async (endpoint: string, settings: Record<string, string> = {}): Promise<AwsTestResources> => {
  const env = { ...emulatorCredentials(), AWS_ENDPOINT_URL: endpoint, ...uniqueAwsNames(), ...settings };
  const config = loadAwsConfig(env);
  const clients = createAwsClients(config);
  await bootstrapAws(config, clients);
  return { config, clients, env, cleanup: () => removeAwsResources(config, clients) };
};

/** Deletes the table, queues and bucket (with its objects) named by `config`; what is already gone is skipped. */
export const removeAwsResources = async (config: AwsConfig, { dynamo, sqs, s3 }: AwsClients): Promise<void> => {
  const queues = [config.REQUESTS_QUEUE, config.REQUESTS_DLQ, config.EVENTS_QUEUE, config.EVENTS_DLQ];
  const deleteQueue = async (name: string) => {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    await sqs.send(new DeleteQueueCommand({ QueueUrl }));
  };
  await Promise.allSettled([
    dynamo.send(new DeleteTableCommand({ TableName: config.JOBS_TABLE })),
    ...queues.map(deleteQueue),
    emptyBucket(config.PROFILES_BUCKET, s3).then(() => s3.send(new DeleteBucketCommand({ Bucket: config.PROFILES_BUCKET }))),
  ]);
};

const emptyBucket = async (bucket: string, s3: AwsClients['s3']): Promise<void> => {
  const { Contents = [] } = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  if (Contents.length > 0) await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: Contents.map(({ Key }) => ({ Key })) } }));
};
