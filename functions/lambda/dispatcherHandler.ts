import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { dispatchJobEvent, dispatchProfileRequest, type JobSpecFactory, type Services } from '@dataset-profiler/core';
import { RetryLaterError, parseBody, processSqsBatch, queueNameOf, settle } from './sqsBatch.js';

export interface DispatcherDeps {
  services: Services;
  specFor: JobSpecFactory;
  /** Name of the requests queue; records from any other queue are job events. */
  requestsQueueName: string;
}

export type SqsBatchHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/**
 * The dispatcher Lambda, subscribed to both queues: a ProfileRequested record is submitted to the
 * runner (once: the job id is the submission id), a job event is applied through the state machine.
 * Each record settles on its own; only the ones that failed are reported back for redelivery.
 */
export const createDispatcherHandler = (deps: () => Promise<DispatcherDeps>): SqsBatchHandler =>
  async function dispatcherHandler(event, context) {
    const { services: s, specFor, requestsQueueName } = await deps();
    const handleRecord = async (record: SQSRecord): Promise<void> => {
      const fromRequests = queueNameOf(record) === requestsQueueName;
      try {
        const body = parseBody(record);
        const outcome = fromRequests ? await dispatchProfileRequest(s, body, specFor) : await dispatchJobEvent(s, body);
        await settle(fromRequests ? s.requests : s.events, record, outcome);
      } catch (error) {
        const level = error instanceof RetryLaterError ? 'warn' : 'error';
        s.logger[level]({ err: error, message_id: record.messageId, receive_count: record.attributes.ApproximateReceiveCount }, 'message not settled');
        throw error;
      }
    };
    return processSqsBatch(event, context, handleRecord);
  };
