import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { JobQueue, MessageOutcome } from '@dataset-profiler/core';

/** A record the handler wants back later: it stays on the queue, reported in `batchItemFailures`. */
export class RetryLaterError extends Error {
  constructor(readonly reason: string) {
    super(`message left on the queue: ${reason}`);
    this.name = 'RetryLaterError';
  }
}

/** SQS bodies are JSON; one that is not goes to the use case as text, which rejects and drops it. */
export const parseBody = (record: SQSRecord): unknown => {
  try {
    return JSON.parse(record.body) as unknown;
  } catch {
    return record.body;
  }
};

/** The queue's name, the last part of the record's ARN (`arn:aws:sqs:region:account:name`). */
export const queueNameOf = (record: SQSRecord): string => record.eventSourceARN.split(':').pop() ?? '';

/** The queue's name, the last part of its URL (`https://sqs…/account/name`). */
export const queueNameOfUrl = (url: string): string => new URL(url).pathname.split('/').filter(Boolean).pop() ?? '';

/**
 * Applies a use case's outcome to the record: `ack` returns (Lambda deletes the message), `retry`
 * makes it visible again after the use case's delay and reports it failed, so it is neither deleted
 * nor retried sooner than asked (every receive counts towards the dead-letter queue).
 */
export const settle = async (queue: JobQueue, record: SQSRecord, outcome: MessageOutcome): Promise<void> => {
  if (outcome.kind === 'ack') return;
  await queue.release(record.receiptHandle, outcome.delaySeconds);
  throw new RetryLaterError(outcome.reason);
};

/**
 * Runs `handle` on every record with Powertools' batch processor and answers partial failures:
 * only the records whose handling threw are in `batchItemFailures`. A fully failed batch is answered
 * the same way (not thrown), so the messages are not all redelivered for one bad record.
 */
export const processSqsBatch = (event: SQSEvent, context: Context, handle: (record: SQSRecord) => Promise<void>): Promise<SQSBatchResponse> =>
  processPartialResponse(event, handle, new BatchProcessor(EventType.SQS), { context, throwOnFullBatchFailure: false });
