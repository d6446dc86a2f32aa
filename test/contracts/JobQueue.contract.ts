import { describe, expect } from 'vitest';
import type { JobQueue, QueueMessage } from '@dataset-profiler/core';
import { caseRunner, freshEach, type SkippedCase } from './contractKit.js';

/** The queue settings every case is written for: short, so the suite runs in seconds. */
export interface JobQueueContractSettings {
  visibilityTimeoutSeconds: number;
  maxReceives: number;
}

export interface JobQueueContractOptions {
  /** A fresh, empty queue with these settings, whose dead letters go to `deadLetter`. */
  make: (settings: JobQueueContractSettings) => Promise<{ queue: JobQueue; deadLetter: JobQueue; cleanup?: () => Promise<void> }>;
  skip?: readonly SkippedCase[];
}

const settings: JobQueueContractSettings = { visibilityTimeoutSeconds: 1, maxReceives: 3 };
/** Long enough for a hidden message to come back (visibility timeout plus slack). */
const REDELIVERY_WAIT_MS = 3_000;

const receiveOne = async (queue: JobQueue, waitMs = 0): Promise<QueueMessage | undefined> => (await queue.receive({ max: 1, waitMs }))[0];

/** What every JobQueue must do (SQS semantics); run it against each implementation. */
export const jobQueueContract = ({ make, skip }: JobQueueContractOptions): void => {
  const test = caseRunner(skip);
  const subject = freshEach(() => make(settings));
  const queue = () => subject().queue;

  describe('JobQueue contract', () => {
    describe('send and receive', () => {
      test('returns nothing from an empty queue', async () => {
        expect(await queue().receive({ waitMs: 0 })).toEqual([]);
      });

      test('delivers the body and id that were sent, counting the receive', async () => {
        const body = { kind: 'ProfileRequested', jobId: 'a', nested: { list: [1, 'two', null] } };
        const id = await queue().send(body);
        const message = await receiveOne(queue());
        expect(message).toMatchObject({ id, body, receiveCount: 1 });
        expect(typeof message?.receipt).toBe('string');
      });

      test('delivers at most max messages per receive', async () => {
        await Promise.all([1, 2, 3, 4, 5].map((n) => queue().send({ n })));
        expect(await queue().receive({ max: 2 })).toHaveLength(2);
      });

      test('long-polls until a message arrives', async () => {
        const started = Date.now();
        const receiving = queue().receive({ waitMs: 4_000 });
        setTimeout(() => void queue().send({ late: true }), 300);
        const [message] = await receiving;
        expect(message?.body).toEqual({ late: true });
        expect(Date.now() - started).toBeLessThan(3_500);
      });
    });

    describe('visibility', () => {
      test('hides a received message, then delivers it again with a new receipt', async () => {
        await queue().send({ job: 1 });
        const first = await receiveOne(queue());
        expect(await queue().receive({ waitMs: 0 })).toEqual([]);
        const again = await receiveOne(queue(), REDELIVERY_WAIT_MS);
        expect(again).toMatchObject({ id: first?.id, body: { job: 1 }, receiveCount: 2 });
        expect(again?.receipt).not.toBe(first?.receipt);
      }, 10_000);

      test('release with no delay makes the message visible at once', async () => {
        await queue().send({ job: 2 });
        const first = await receiveOne(queue());
        await queue().release(first!.receipt, 0);
        expect(await receiveOne(queue(), 500)).toMatchObject({ id: first?.id, receiveCount: 2 });
      });

      test('release with a delay keeps the message hidden until the delay is over', async () => {
        await queue().send({ job: 3 });
        const first = await receiveOne(queue());
        await queue().release(first!.receipt, 2);
        expect(await queue().receive({ waitMs: 800 })).toEqual([]);
        expect(await receiveOne(queue(), 4_000)).toMatchObject({ id: first?.id, receiveCount: 2 });
      }, 10_000);
    });

    describe('ack', () => {
      test('deletes the message for good', async () => {
        await queue().send({ job: 4 });
        const first = await receiveOne(queue());
        await queue().ack(first!.receipt);
        await queue().ack(first!.receipt);
        expect(await queue().receive({ waitMs: 1_800 })).toEqual([]);
      }, 10_000);

      test('ignores a stale receipt from an earlier receive', async () => {
        await queue().send({ job: 5 });
        const first = await receiveOne(queue());
        const second = await receiveOne(queue(), REDELIVERY_WAIT_MS);
        await queue().ack(first!.receipt);
        await queue().release(second!.receipt, 0);
        expect(await receiveOne(queue(), 500)).toMatchObject({ id: first?.id, receiveCount: 3 });
      }, 10_000);
    });

    describe('dead letters', () => {
      test('moves a message received maxReceives times to the dead-letter queue, body intact', async () => {
        const body = { kind: 'ProfileRequested', jobId: 'poison' };
        await queue().send(body);
        for (let receive = 1; receive <= settings.maxReceives; receive++) {
          const message = await receiveOne(queue(), 500);
          expect(message?.receiveCount).toBe(receive);
          await queue().release(message!.receipt, 0);
        }
        expect(await queue().receive({ waitMs: 300 })).toEqual([]);
        expect((await receiveOne(subject().deadLetter, 2_000))?.body).toEqual(body);
      }, 10_000);
    });

    describe('many senders', () => {
      // Exactly once holds for messages acked within their visibility timeout: the suite's 1 s (for the
      // redelivery cases) is shorter than a receive-and-ack round on a loaded machine, so this case has 30 s.
      const patient = freshEach(() => make({ ...settings, visibilityTimeoutSeconds: 30 }));
      const queue = () => patient().queue;
      test('delivers 200 concurrent sends exactly once each when acked', async () => {
        const sent = await Promise.all(Array.from({ length: 200 }, (_, n) => queue().send({ n })));
        const seen = new Map<string, unknown>();
        const deadline = Date.now() + 20_000;
        while (seen.size < sent.length && Date.now() < deadline) {
          const batch = await queue().receive({ max: 10, waitMs: 500 });
          for (const message of batch) {
            expect(seen.has(message.id)).toBe(false);
            seen.set(message.id, message.body);
          }
          await Promise.all(batch.map((message) => queue().ack(message.receipt)));
        }
        expect(new Set(seen.keys())).toEqual(new Set(sent));
        expect([...seen.values()].map((body) => (body as { n: number }).n).sort((a, b) => a - b)).toEqual([...Array(200).keys()]);
        expect(await queue().receive({ waitMs: 1_500 })).toEqual([]);
      }, 30_000);
    });
  });
};
