import {
  isCircuitOpen,
  dispatchJobEvent,
  dispatchProfileRequest,
  failDeadLetteredEvent,
  failDeadLetteredRequest,
  reconcile,
  type JobQueue,
  type JobSpecFactory,
  type MessageOutcome,
  type QueueMessage,
  type ReconcileOptions,
  type RequeueLog,
  type Services,
} from '@dataset-profiler/core';

export interface LoopOptions {
  specFor: JobSpecFactory;
  reconcile: ReconcileOptions;
  reconcileIntervalMs: number;
  /** Long-poll wait of each receive. */
  waitMs?: number;
}

export interface RunningLoops {
  stop(): Promise<void>;
}

type MessageHandler = (message: QueueMessage) => Promise<MessageOutcome>;

/**
 * Receives from one queue until stopped; a message is acknowledged only after its effect is stored.
 * `paused` holds receiving back (every receive counts towards the message's dead-lettering).
 */
const consume = async (queue: JobQueue, handle: MessageHandler, s: Services, isRunning: () => boolean, waitMs: number, paused = async () => false) => {
  while (isRunning()) {
    try {
      if (await paused()) {
        await new Promise((resolve) => setTimeout(resolve, waitMs));
        continue;
      }
      const messages = await queue.receive({ max: 10, waitMs });
      await Promise.all(messages.map((message) => settleMessage(queue, message, handle, s)));
    } catch (error) {
      s.logger.error({ err: error }, 'queue receive failed');
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
};

const settleMessage = async (queue: JobQueue, message: QueueMessage, handle: MessageHandler, s: Services) => {
  try {
    const outcome = await handle(message);
    if (outcome.kind === 'ack') await queue.ack(message.receipt);
    else await queue.release(message.receipt, outcome.delaySeconds);
  } catch (error) {
    // Left unacknowledged: redelivered after the visibility timeout, dead-lettered after too many tries.
    s.logger.error({ err: error, message_id: message.id, receive_count: message.receiveCount }, 'message handling failed');
  }
};

/** The local stack's dispatcher (requests, job events, both dead-letter queues) and reconciler, as polling loops. */
export const startLoops = (s: Services, options: LoopOptions): RunningLoops => {
  let running = true;
  const isRunning = () => running;
  const waitMs = options.waitMs ?? 500;
  const consumers = [
    // While the runner circuit is open, requests stay queued untouched instead of using up their deliveries.
    consume(s.requests, (m) => dispatchProfileRequest(s, m.body, options.specFor), s, isRunning, waitMs, async () =>
      isCircuitOpen(await s.circuit.read(), s.clock.now()),
    ),
    consume(s.events, (m) => dispatchJobEvent(s, m.body), s, isRunning, waitMs),
    consume(s.requestsDeadLetters, (m) => failDeadLetteredRequest(s, m.body), s, isRunning, waitMs),
    consume(s.eventsDeadLetters, (m) => failDeadLetteredEvent(s, m.body), s, isRunning, waitMs),
  ];
  // One pass at a time: the next is scheduled when the last one ends.
  const requeued: RequeueLog = new Map();
  let timer: NodeJS.Timeout | undefined;
  let reconciling: Promise<unknown> = Promise.resolve();
  const reconcileOnce = () => {
    reconciling = reconcile(s, options.reconcile, requeued)
      .then((report) => report.failed + report.requeued > 0 && s.logger.info({ ...report }, 'reconciled jobs'))
      .catch((error) => s.logger.error({ err: error }, 'reconcile failed'))
      .finally(() => {
        if (running) timer = setTimeout(reconcileOnce, options.reconcileIntervalMs);
      });
  };
  reconcileOnce();
  return {
    async stop() {
      running = false;
      clearTimeout(timer);
      await Promise.all([...consumers, reconciling]);
    },
  };
};
