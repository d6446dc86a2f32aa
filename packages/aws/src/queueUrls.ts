import { GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { guarded } from './vendorErrors.js';

const isUrl = (value: string): boolean => /^https?:\/\//.test(value);

/** The queue's name: the value itself, or the last segment of its URL. */
export const queueNameOf = (nameOrUrl: string): string => (isUrl(nameOrUrl) ? (new URL(nameOrUrl).pathname.split('/').pop() ?? nameOrUrl) : nameOrUrl);

/** A queue's URL from its name (one GetQueueUrl at start-up) or the URL itself. */
export const resolveQueueUrl = async (sqs: SQSClient, nameOrUrl: string): Promise<string> => {
  if (isUrl(nameOrUrl)) return nameOrUrl;
  const { QueueUrl } = await guarded(`SQS queue ${nameOrUrl}`, () => sqs.send(new GetQueueUrlCommand({ QueueName: nameOrUrl })));
  if (!QueueUrl) throw new Error(`SQS queue ${nameOrUrl}: GetQueueUrl answered without a URL`);
  return QueueUrl;
};
