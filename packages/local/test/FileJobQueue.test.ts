import { execFile } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FixedClock, type QueueMessage } from '@dataset-profiler/core';
import { FileJobQueue } from '../src/FileJobQueue.js';
import { makeTempDir } from '../../../test/contracts/contractKit.js';

const run = promisify(execFile);
const sender = fileURLToPath(new URL('./fixtures/sendFromChild.ts', import.meta.url));

describe('Class: FileJobQueue', () => {
  let dir: string;
  let remove: () => Promise<void>;

  beforeEach(async () => {
    ({ dir, remove } = await makeTempDir('file-job-queue'));
  });
  afterEach(() => remove());

  it('delivers messages in the order they were sent', async () => {
    const queue = new FileJobQueue({ dir });
    for (let n = 0; n < 25; n++) await queue.send({ n });
    const received: QueueMessage[] = [];
    for (let batch = await queue.receive({ max: 10 }); batch.length > 0; batch = await queue.receive({ max: 10 })) received.push(...batch);
    expect(received.map((message) => (message.body as { n: number }).n)).toEqual([...Array(25).keys()]);
  });

  it('hides an in-flight message from a restarted instance until its timeout, then redelivers it', async () => {
    const clock = new FixedClock(new Date('2025-01-01T00:00:00Z'));
    const before = new FileJobQueue({ dir, clock, visibilityTimeoutSeconds: 30 });
    await before.send({ job: 'in flight' });
    const [first] = await before.receive();

    const after = new FileJobQueue({ dir, clock, visibilityTimeoutSeconds: 30 });
    expect(await after.receive()).toEqual([]);
    clock.advance(30_000);
    const [again] = await after.receive();
    expect(again).toMatchObject({ id: first?.id, body: { job: 'in flight' }, receiveCount: 2 });
    await after.ack(first!.receipt);
    await after.ack(again!.receipt);
    clock.advance(60_000);
    expect(await new FileJobQueue({ dir, clock }).receive()).toEqual([]);
  });

  it('accepts an ack from a restarted instance for a receipt handed out before the restart', async () => {
    const [message] = await (async () => {
      const queue = new FileJobQueue({ dir });
      await queue.send({ job: 1 });
      return queue.receive();
    })();
    await new FileJobQueue({ dir }).ack(message!.receipt);
    expect(await readdir(join(dir, 'messages'))).toEqual([]);
  });

  it('redelivers for ever when it has no dead-letter queue, as SQS does', async () => {
    const queue = new FileJobQueue({ dir, maxReceives: 1 });
    await queue.send({ job: 'poison' });
    for (let receive = 1; receive <= 3; receive++) {
      const [message] = await queue.receive();
      expect(message?.receiveCount).toBe(receive);
      await queue.release(message!.receipt, 0);
    }
  });

  it('receives what other processes send', async () => {
    await Promise.all(['a', 'b'].map((name) => run(process.execPath, ['--import', 'tsx', sender, dir, name, '50'])));
    const queue = new FileJobQueue({ dir });
    const bodies: unknown[] = [];
    for (let batch = await queue.receive({ max: 10 }); batch.length > 0; batch = await queue.receive({ max: 10 })) bodies.push(...batch.map((message) => message.body));
    expect(bodies).toHaveLength(100);
    expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(100);
  }, 30_000);

  it('moves an unreadable message file aside instead of blocking the queue', async () => {
    const warn = vi.fn();
    const queue = new FileJobQueue({ dir, logger: { warn } });
    await queue.send({ job: 'fine' });
    await writeFile(join(dir, 'messages', '000000000000000-000000-torn.json'), '{"id":');
    const received = await queue.receive();
    expect(received.map((message) => message.body)).toEqual([{ job: 'fine' }]);
    expect(await readdir(join(dir, 'corrupt'))).toEqual(['000000000000000-000000-torn.json']);
    expect(warn).toHaveBeenCalledOnce();
  });

  it('takes 200 concurrent sends and hands them out quickly', async () => {
    const queue = new FileJobQueue({ dir });
    const sendStarted = performance.now();
    await Promise.all(Array.from({ length: 200 }, (_, n) => queue.send({ n })));
    const sendMs = performance.now() - sendStarted;
    const receiveStarted = performance.now();
    let received = 0;
    for (let batch = await queue.receive({ max: 10 }); batch.length > 0; batch = await queue.receive({ max: 10 })) {
      received += batch.length;
      await Promise.all(batch.map((message) => queue.ack(message.receipt)));
    }
    const receiveMs = performance.now() - receiveStarted;
    console.info(`FileJobQueue: 200 concurrent sends in ${sendMs.toFixed(0)} ms; receive+ack of 200 in ${receiveMs.toFixed(0)} ms`);
    expect(received).toBe(200);
  }, 30_000);
});
