import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutBucketNotificationConfigurationCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { S3Event } from 'aws-lambda';

/**
 * Clients for the emulator `.ci/services` starts (moto server; AWS_ENDPOINT_URL says where). Names are
 * unique per call, so suites never see each other's tables, queues or buckets.
 */

const clientConfig = (endpoint: string) => ({
  endpoint,
  region: process.env.AWS_REGION ?? 'us-east-1',
  credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'testing', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'testing' },
});

export interface Moto {
  s3: S3Client;
  dynamo: DynamoDBClient;
  sqs: SQSClient;
}

export const motoClients = (endpoint: string): Moto => ({
  s3: new S3Client({ ...clientConfig(endpoint), forcePathStyle: true }),
  dynamo: new DynamoDBClient(clientConfig(endpoint)),
  sqs: new SQSClient(clientConfig(endpoint)),
});

let counter = 0;
export const uniqueName = (base: string): string => `${base}-${process.pid}-${Date.now().toString(36)}-${++counter}`;

export const createBucket = async (m: Moto, base = 'data'): Promise<string> => {
  const bucket = uniqueName(base);
  await m.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  return bucket;
};

/** A table as Powertools idempotency expects by default: string key `id`, TTL attribute `expiration`. */
export const createIdempotencyTable = async (m: Moto): Promise<string> => {
  const table = uniqueName('idempotency');
  await m.dynamo.send(
    new CreateTableCommand({
      TableName: table,
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  return table;
};

/**
 * Sends the bucket's ObjectCreated notifications for keys ending in `suffix` to a new queue, and
 * returns a function that receives the next real S3 event from it (moto cannot invoke a Lambda).
 */
export const notificationsOf = async (m: Moto, bucket: string, suffix: string): Promise<() => Promise<S3Event>> => {
  const { QueueUrl: queueUrl } = await m.sqs.send(new CreateQueueCommand({ QueueName: uniqueName('s3-events') }));
  const { Attributes } = await m.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  await m.s3.send(
    new PutBucketNotificationConfigurationCommand({
      Bucket: bucket,
      NotificationConfiguration: {
        QueueConfigurations: [{ QueueArn: Attributes?.QueueArn, Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'suffix', Value: suffix }] } } }],
      },
    }),
  );
  return async () => {
    for (let attempt = 0; attempt < 10; attempt++) {
      const { Messages = [] } = await m.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 1, WaitTimeSeconds: 1 }));
      for (const message of Messages) {
        await m.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
        const event = JSON.parse(message.Body ?? '{}') as Partial<S3Event> & { Event?: string };
        // S3 sends an s3:TestEvent when the notification is configured.
        if (event.Records) return event as S3Event;
      }
    }
    throw new Error(`no S3 event arrived for bucket ${bucket}`);
  };
};
