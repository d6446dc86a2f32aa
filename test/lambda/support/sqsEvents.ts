import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import type { QueueMessage } from '@dataset-profiler/core';

export const REGION = 'eu-west-1';
export const ACCOUNT = '123456789012';

export const queueArn = (queueName: string): string => `arn:aws:sqs:${REGION}:${ACCOUNT}:${queueName}`;

/** A record as Lambda's SQS event source hands it over, for a message received from `queueName`. */
export const sqsRecord = (queueName: string, message: QueueMessage): SQSRecord => ({
  messageId: message.id,
  receiptHandle: message.receipt,
  body: JSON.stringify(message.body),
  attributes: {
    ApproximateReceiveCount: String(message.receiveCount),
    SentTimestamp: '0',
    SenderId: ACCOUNT,
    ApproximateFirstReceiveTimestamp: '0',
  },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: queueArn(queueName),
  awsRegion: REGION,
});

export const sqsEvent = (queueName: string, messages: readonly QueueMessage[]): SQSEvent => ({ Records: messages.map((m) => sqsRecord(queueName, m)) });

export const lambdaContext = (awsRequestId = 'lambda-request-id'): Context =>
  ({ awsRequestId, functionName: 'test', getRemainingTimeInMillis: () => 30_000 }) as unknown as Context;
