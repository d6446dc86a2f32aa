import type { SQSRecord } from 'aws-lambda';
import { failDeadLetteredEvent, failDeadLetteredRequest, type Services } from '@dataset-profiler/core';
import type { SqsBatchHandler } from './dispatcherHandler.js';
import { parseBody, processSqsBatch, queueNameOf } from './sqsBatch.js';

export interface DeadLetterDeps {
  services: Services;
  /** Name of the requests queue's dead-letter queue; records from any other are dead-lettered job events. */
  requestsDeadLetterQueueName: string;
}

/**
 * Subscribed to both dead-letter queues. A request that failed every delivery fails its job with the
 * reason; a job event is applied once more, and its job fails if it still cannot be (core's
 * failDeadLetteredEvent). A record whose outcome cannot be stored is reported failed and stays.
 */
export const createDeadLetterHandler = (deps: () => Promise<DeadLetterDeps>): SqsBatchHandler =>
  async function deadLetterHandler(event, context) {
    const { services: s, requestsDeadLetterQueueName } = await deps();
    const handleRecord = async (record: SQSRecord): Promise<void> => {
      const body = parseBody(record);
      const isRequest = queueNameOf(record) === requestsDeadLetterQueueName;
      s.logger.warn({ message_id: record.messageId, queue: queueNameOf(record), body }, 'dead-lettered message');
      if (isRequest) await failDeadLetteredRequest(s, body);
      else await failDeadLetteredEvent(s, body);
    };
    return processSqsBatch(event, context, handleRecord);
  };
