import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultReconcileOptions, JOB_STATUS, type Job, type JobQueue, type QueueMessage } from '@dataset-profiler/core';
import { createDeadLetterHandler } from '../../functions/lambda/deadLetterHandler.js';
import { createDispatcherHandler } from '../../functions/lambda/dispatcherHandler.js';
import { createReconcilerHandler } from '../../functions/lambda/reconcilerHandler.js';
import { corruptJobRecord, testServices, untilRunnerStatus, type TestServices } from '../http/support/services.js';
import { aJob, JOB_ID } from '../http/support/fixtures.js';
import { lambdaContext, sqsEvent } from './support/sqsEvents.js';

/**
 * The SQS-driven Lambdas on the embedded adapters (the moto suite runs the same on SQS/DynamoDB).
 * Lambda's event source is played by the test: receive, hand the batch over, delete what succeeded.
 */

const REQUESTS = 'requests';
const EVENTS = 'events';
const REQUESTS_DLQ = 'requests-dlq';
const OTHER_JOB_ID = '6b2e9d3f-0a5c-4d8b-9f7a-3e4d5c6b7a81';

/** Every runner job appends one line to this file: the number of lines is the number of runs. */
const countingSpec = (runsFile: string) => (job: Job) => ({ submissionId: job.jobId, entrypoint: `echo ran >> ${JSON.stringify(runsFile)}` });

const dispatcherOf = (t: TestServices) =>
  createDispatcherHandler(async () => ({ services: t.services, specFor: countingSpec(join(t.dir, 'runs.txt')), requestsQueueName: REQUESTS }));

/** What the event source does with the handler's answer: delete every record not reported failed. */
const deliver = async (queue: JobQueue, queueName: string, messages: QueueMessage[], handler: ReturnType<typeof dispatcherOf>) => {
  const answer = await handler(sqsEvent(queueName, messages), lambdaContext());
  const failed = new Set(answer.batchItemFailures.map((f) => f.itemIdentifier));
  await Promise.all(messages.filter((m) => !failed.has(m.id)).map((m) => queue.ack(m.receipt)));
  return answer;
};

const runsOf = async (t: TestServices): Promise<number> => (await readFile(join(t.dir, 'runs.txt'), 'utf8')).trim().split('\n').length;

describe('Lambda: the dispatcher, on SQS batches', () => {
  it('reports only the record that failed in batchItemFailures', async () => {
    const t = await testServices();
    await t.services.jobs.create(aJob({ status: JOB_STATUS.SUBMITTING }));
    await t.services.jobs.create(aJob({ jobId: OTHER_JOB_ID, status: JOB_STATUS.SUBMITTING }));
    await corruptJobRecord(t, OTHER_JOB_ID, 'not json');
    await t.services.requests.send({ kind: 'ProfileRequested', jobId: JOB_ID });
    const poisonId = await t.services.requests.send({ kind: 'ProfileRequested', jobId: OTHER_JOB_ID });

    const answer = await deliver(t.services.requests, REQUESTS, await t.services.requests.receive(), dispatcherOf(t));

    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: poisonId }]);
    expect((await t.services.jobs.get(JOB_ID))?.status).toBe(JOB_STATUS.STARTING);
  });

  it('never starts a second runner job for a duplicated or redelivered request', async () => {
    const t = await testServices();
    await t.services.jobs.create(aJob({ status: JOB_STATUS.SUBMITTING }));
    for (let copy = 0; copy < 3; copy++) await t.services.requests.send({ kind: 'ProfileRequested', jobId: JOB_ID });
    const handler = dispatcherOf(t);
    const first = await t.services.requests.receive({ max: 2 });
    expect((await deliver(t.services.requests, REQUESTS, first, handler)).batchItemFailures).toEqual([]);
    // The same message delivered again (its deletion was lost), then the third copy.
    await handler(sqsEvent(REQUESTS, first), lambdaContext());
    expect((await deliver(t.services.requests, REQUESTS, await t.services.requests.receive(), handler)).batchItemFailures).toEqual([]);

    await untilRunnerStatus(t, JOB_ID, 'SUCCEEDED');
    expect(await runsOf(t)).toBe(1);
    const job = await t.services.jobs.get(JOB_ID);
    expect(job?.status).toBe(JOB_STATUS.STARTING);
    expect(job?.version).toBe(2);
  });

  it('applies job events from the events queue, a late duplicate moving nothing backwards', async () => {
    const t = await testServices();
    await t.services.jobs.create(aJob({ status: JOB_STATUS.STARTING, onlyLightProfile: true }));
    await t.services.events.send({ type: 'LIGHT_PROFILE_READY', jobId: JOB_ID, lightKey: `jobs/${JOB_ID}/light.json` });
    await t.services.events.send({ type: 'PROGRESS', jobId: JOB_ID, progress: { phase: 'listing', files_done: 0, files_total: 1, bytes_done: 0, bytes_total: 1 } });
    const handler = dispatcherOf(t);
    const answer = await deliver(t.services.events, EVENTS, await t.services.events.receive(), handler);
    expect(answer.batchItemFailures).toEqual([]);
    expect((await t.services.jobs.get(JOB_ID))?.status).toBe(JOB_STATUS.LIGHT_PROFILE_READY);
  });

  it('leaves a request queued, reported failed, while the runner circuit is open', async () => {
    const t = await testServices({ runner: 'unreachable' });
    await t.services.jobs.create(aJob({ status: JOB_STATUS.SUBMITTING }));
    const id = await t.services.requests.send({ kind: 'ProfileRequested', jobId: JOB_ID });
    const answer = await deliver(t.services.requests, REQUESTS, await t.services.requests.receive(), dispatcherOf(t));
    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: id }]);
    expect((await t.services.jobs.get(JOB_ID))?.status).toBe(JOB_STATUS.SUBMITTING);
    expect((await t.services.circuit.read()).failures).toBe(1);
  });
});

describe('Lambda: the dead-letter handler', () => {
  it('fails the job of a poison request with the reason', async () => {
    const t = await testServices();
    await t.services.jobs.create(aJob({ status: JOB_STATUS.SUBMITTING }));
    await t.services.requestsDeadLetters.send({ kind: 'ProfileRequested', jobId: JOB_ID });
    const handler = createDeadLetterHandler(async () => ({ services: t.services, requestsDeadLetterQueueName: REQUESTS_DLQ }));
    const answer = await handler(sqsEvent(REQUESTS_DLQ, await t.services.requestsDeadLetters.receive()), lambdaContext());
    expect(answer.batchItemFailures).toEqual([]);
    const job = await t.services.jobs.get(JOB_ID);
    expect(job?.status).toBe(JOB_STATUS.FAILED);
    expect(job?.message).toMatch(/dead-lettered/);
  });
});

describe('Lambda: the reconciler', () => {
  it('re-queues a SUBMITTING job whose message was lost, once per interval', async () => {
    const t = await testServices();
    await t.services.jobs.create(aJob({ status: JOB_STATUS.SUBMITTING, updatedAt: '2026-01-15T09:00:00.000Z' }));
    const handler = createReconcilerHandler(async () => ({ services: t.services, options: defaultReconcileOptions }));
    expect(await handler()).toEqual({ checked: 1, failed: 0, requeued: 1 });
    expect(await handler()).toEqual({ checked: 1, failed: 0, requeued: 0 });
    expect((await t.services.requests.receive()).map((m) => m.body)).toEqual([{ kind: 'ProfileRequested', jobId: JOB_ID }]);
  });

  it('fails a job the runner has no record of', async () => {
    const t = await testServices();
    await t.services.jobs.create(aJob({ status: JOB_STATUS.STARTING }));
    const handler = createReconcilerHandler(async () => ({ services: t.services, options: defaultReconcileOptions }));
    expect(await handler()).toMatchObject({ failed: 1 });
    expect((await t.services.jobs.get(JOB_ID))?.status).toBe(JOB_STATUS.FAILED);
  });
});
