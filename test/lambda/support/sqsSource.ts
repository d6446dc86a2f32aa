import { DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

/**
 * Plays Lambda's SQS event source on a real queue (moto cannot run Lambdas): receive a batch, hand it
 * to the handler as an SQS event, then delete every message not reported in `batchItemFailures`.
 */
export const sqsEventSource = async (sqs: SQSClient, queueUrl: string) => {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  const arn = Attributes?.QueueArn ?? '';
  const receive = async (waitSeconds = 1): Promise<SQSEvent> => {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: waitSeconds, MessageSystemAttributeNames: ['All'] }),
    );
    const Records: SQSRecord[] = Messages.map((m) => ({
      messageId: m.MessageId ?? '',
      receiptHandle: m.ReceiptHandle ?? '',
      body: m.Body ?? '',
      attributes: m.Attributes as unknown as SQSRecord['attributes'],
      messageAttributes: {},
      md5OfBody: m.MD5OfBody ?? '',
      eventSource: 'aws:sqs',
      eventSourceARN: arn,
      awsRegion: arn.split(':')[3] ?? '',
    }));
    return { Records };
  };
  /** Receives until `count` messages arrived (or a receive comes back empty). */
  const receiveAll = async (count: number): Promise<SQSEvent> => {
    const records: SQSRecord[] = [];
    while (records.length < count) {
      const { Records } = await receive();
      if (Records.length === 0) break;
      records.push(...Records);
    }
    return { Records: records };
  };
  const complete = async (event: SQSEvent, answer: SQSBatchResponse): Promise<void> => {
    const failed = new Set(answer.batchItemFailures.map((f) => f.itemIdentifier));
    await Promise.all(event.Records.filter((r) => !failed.has(r.messageId)).map((r) => sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: r.receiptHandle }))));
  };
  return { arn, receive, receiveAll, complete };
};
