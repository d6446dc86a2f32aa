/**
 * Storage, queues and secrets. Names and key schema agree with packages/aws (jobItem.ts: key `pk`,
 * sparse keys-only GSI InFlight sorted by createdAt, TTL `expiresAt`); the infra test
 * checks that they do.
 */

/** Deliveries of a message before its queue hands it to the dead-letter queue (MAX_RECEIVES). */
export const MAX_RECEIVES = 5;
/** Dead letters are kept as long as SQS allows, for inspection and redrive. */
const DLQ_RETENTION_S = 1_209_600;
/** Where datasets live in the data bucket: DATA_ROOT is s3://<bucket>/datasets. */
export const DATA_PREFIX = 'datasets';

export const declareStorage = () => {
  const jobs = new sst.aws.Dynamo('Jobs', {
    fields: { pk: 'string', inFlight: 'string', createdAt: 'string' },
    primaryIndex: { hashKey: 'pk' },
    globalIndexes: {
      InFlight: { hashKey: 'inFlight', rangeKey: 'createdAt', projection: 'keys-only' },
    },
    ttl: 'expiresAt',
  });
  // Powertools idempotency records of the S3 trigger (its default key `id` and TTL `expiration`).
  const idempotency = new sst.aws.Dynamo('Idempotency', { fields: { id: 'string' }, primaryIndex: { hashKey: 'id' }, ttl: 'expiration' });
  const data = new sst.aws.Bucket('Data');
  const profiles = new sst.aws.Bucket('Profiles');
  return { jobs, idempotency, data, profiles };
};

const deadLetterQueue = (name: string) =>
  new sst.aws.Queue(name, { transform: { queue: { messageRetentionSeconds: DLQ_RETENTION_S } } });

export const declareQueues = () => {
  const requestsDeadLetters = deadLetterQueue('RequestsDeadLetters');
  const eventsDeadLetters = deadLetterQueue('EventsDeadLetters');
  // Visibility timeouts stay above the dispatcher's timeout (AWS rejects a smaller one).
  const requests = new sst.aws.Queue('Requests', { visibilityTimeout: '6 minutes', dlq: { queue: requestsDeadLetters.arn, retry: MAX_RECEIVES } });
  const events = new sst.aws.Queue('Events', { visibilityTimeout: '6 minutes', dlq: { queue: eventsDeadLetters.arn, retry: MAX_RECEIVES } });
  return { requests, requestsDeadLetters, events, eventsDeadLetters };
};

/** The Ray dashboard URL (`sst secret set RayAddress http://…:8265`) and, with Ray's token auth, its token. */
export const declareSecrets = () => ({
  rayAddress: new sst.Secret('RayAddress'),
  ...(process.env.RAY_TOKEN_AUTH === 'true' ? { rayAuthToken: new sst.Secret('RayAuthToken') } : {}),
});

export type Storage = ReturnType<typeof declareStorage>;
export type Queues = ReturnType<typeof declareQueues>;
export type Secrets = ReturnType<typeof declareSecrets>;
