import {
  CreateTableCommand,
  DescribeTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, type BucketLocationConstraint, type S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { createAwsClients, type AwsClients } from './clients.js';
import type { AwsConfig } from './config.js';
import { INDEX, TABLE_KEY, TTL_ATTRIBUTE } from './jobItem.js';
import { queueNameOf } from './queueUrls.js';
import { errorName, guarded, httpStatusOf } from './vendorErrors.js';

/** Dead letters are kept as long as SQS allows (14 days), for inspection and redrive. */
const DLQ_RETENTION_S = 1_209_600;
const TABLE_READY_WAIT_S = 60;

/**
 * Creates what is missing: the jobs table (GSIs, TTL), the four queues (each main queue redriving to
 * its DLQ after MAX_RECEIVES receives) and the profiles bucket. For emulators and first runs
 * (AWS_BOOTSTRAP=true); a deployment gets these from SST, and Lambda never calls this.
 * Existing resources are left as they are.
 */
export const bootstrapAws = async (config: AwsConfig, clients: AwsClients = createAwsClients(config)): Promise<void> => {
  await Promise.all([
    ensureTable(clients.dynamo, config.JOBS_TABLE),
    ensureQueuePair(clients.sqs, config.REQUESTS_QUEUE, config.REQUESTS_DLQ, config.REQUEST_VISIBILITY_TIMEOUT_S, config.MAX_RECEIVES),
    ensureQueuePair(clients.sqs, config.EVENTS_QUEUE, config.EVENTS_DLQ, config.EVENT_VISIBILITY_TIMEOUT_S, config.MAX_RECEIVES),
    ensureBucket(clients.s3, config.PROFILES_BUCKET, config.AWS_REGION),
  ]);
};

const ensureTable = async (dynamo: DynamoDBClient, table: string): Promise<void> => {
  const resource = `DynamoDB table ${table}`;
  try {
    await dynamo.send(new DescribeTableCommand({ TableName: table }));
    return;
  } catch (error) {
    if (errorName(error) !== 'ResourceNotFoundException') throw error;
  }
  const { name, partition, sort } = INDEX.IN_FLIGHT;
  try {
    await dynamo.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: TABLE_KEY, KeyType: 'HASH' }],
        AttributeDefinitions: [TABLE_KEY, partition, sort].map((attribute) => ({ AttributeName: attribute, AttributeType: 'S' as const })),
        GlobalSecondaryIndexes: [
          {
            IndexName: name,
            KeySchema: [
              { AttributeName: partition, KeyType: 'HASH' },
              { AttributeName: sort, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
        ],
      }),
    );
  } catch (error) {
    // Another process is creating it at the same moment.
    if (errorName(error) !== 'ResourceInUseException') throw error;
  }
  await waitUntilTableExists({ client: dynamo, maxWaitTime: TABLE_READY_WAIT_S }, { TableName: table });
  await guarded(resource, () => dynamo.send(new UpdateTimeToLiveCommand({ TableName: table, TimeToLiveSpecification: { Enabled: true, AttributeName: TTL_ATTRIBUTE } })));
};

const ensureQueue = async (sqs: SQSClient, nameOrUrl: string, attributes: Record<string, string>): Promise<string> => {
  const name = queueNameOf(nameOrUrl);
  try {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    if (QueueUrl) return QueueUrl;
  } catch (error) {
    if (errorName(error) !== 'QueueDoesNotExist' && errorName(error) !== 'AWS.SimpleQueueService.NonExistentQueue') throw error;
  }
  const { QueueUrl } = await guarded(`SQS queue ${name}`, () => sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes })));
  if (!QueueUrl) throw new Error(`SQS queue ${name}: CreateQueue answered without a URL`);
  return QueueUrl;
};

const ensureQueuePair = async (sqs: SQSClient, queue: string, deadLetters: string, visibilityTimeoutS: number, maxReceives: number): Promise<void> => {
  const dlqUrl = await ensureQueue(sqs, deadLetters, { MessageRetentionPeriod: String(DLQ_RETENTION_S) });
  const { Attributes } = await guarded(`SQS queue ${deadLetters}`, () => sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] })));
  const dlqArn = Attributes?.QueueArn;
  if (!dlqArn) throw new Error(`SQS queue ${deadLetters}: no QueueArn`);
  await ensureQueue(sqs, queue, {
    VisibilityTimeout: String(visibilityTimeoutS),
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: maxReceives }),
  });
};

const ensureBucket = async (s3: S3Client, bucket: string, region: string): Promise<void> => {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return;
  } catch (error) {
    if (httpStatusOf(error) !== 404) throw error;
  }
  try {
    await s3.send(
      new CreateBucketCommand({
        Bucket: bucket,
        // us-east-1 is the one region that must not be named.
        ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }),
      }),
    );
  } catch (error) {
    if (errorName(error) !== 'BucketAlreadyOwnedByYou') throw error;
  }
};
