import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { JobQueue, QueueMessage, ReceiveOptions } from '@dataset-profiler/core';
import { errorName, guarded, toPortError } from './vendorErrors.js';

/** SQS's own limits: 10 messages per receive, 20 s of long polling, 12 h of visibility. */
const MAX_BATCH = 10;
const MAX_WAIT_S = 20;
const MAX_VISIBILITY_S = 43_200;

/** What SQS answers for a receipt that is no longer the message's latest, or a message already gone. */
const STALE_RECEIPT = new Set(['ReceiptHandleIsInvalid', 'InvalidParameterValue', 'MessageNotInflight', 'AWS.SimpleQueueService.MessageNotInflight']);

const parseBody = (text: string | undefined): unknown => {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Handed on as text: the consumer's schema rejects it as malformed and drops it.
    return text;
  }
};

/**
 * A JobQueue on one SQS queue. Visibility timeout and dead-lettering (redrive policy) are the
 * queue's own settings, made by bootstrapAws or SST; bodies are JSON.
 */
export class SqsJobQueue implements JobQueue {
  private readonly resource: string;

  constructor(
    private readonly sqs: SQSClient,
    readonly queueUrl: string,
  ) {
    this.resource = `SQS queue ${queueUrl}`;
  }

  async send(body: unknown): Promise<string> {
    const answer = await guarded(this.resource, () => this.sqs.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(body) })));
    if (!answer.MessageId) throw new Error(`${this.resource}: SendMessage answered without a MessageId`);
    return answer.MessageId;
  }

  async receive(options: ReceiveOptions = {}): Promise<QueueMessage[]> {
    const answer = await guarded(this.resource, () =>
      this.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: this.queueUrl,
          MaxNumberOfMessages: Math.min(MAX_BATCH, Math.max(1, options.max ?? MAX_BATCH)),
          // Whole seconds only: a wait of a fraction of a second becomes one second.
          WaitTimeSeconds: Math.min(MAX_WAIT_S, Math.ceil((options.waitMs ?? 0) / 1000)),
          MessageSystemAttributeNames: ['ApproximateReceiveCount'],
        }),
      ),
    );
    return (answer.Messages ?? []).map((message) => ({
      id: message.MessageId ?? '',
      receipt: message.ReceiptHandle ?? '',
      body: parseBody(message.Body),
      receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 1),
    }));
  }

  async ack(receipt: string): Promise<void> {
    await this.ignoringStaleReceipt(() => this.sqs.send(new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: receipt })));
  }

  async release(receipt: string, delaySeconds: number): Promise<void> {
    const timeout = Math.min(MAX_VISIBILITY_S, Math.max(0, Math.ceil(delaySeconds)));
    await this.ignoringStaleReceipt(() => this.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: this.queueUrl, ReceiptHandle: receipt, VisibilityTimeout: timeout })));
  }

  /** The port makes ack and release of a stale receipt no-ops. */
  private async ignoringStaleReceipt(call: () => Promise<unknown>): Promise<void> {
    try {
      await call();
    } catch (error) {
      const name = errorName(error);
      if (name && STALE_RECEIPT.has(name)) return;
      throw toPortError(error, this.resource);
    }
  }
}
