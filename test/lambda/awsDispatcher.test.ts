import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { JOB_STATUS, silentLogger, type Job, type Services } from '@dataset-profiler/core';
import { queueNameOf, S3Datasets, wireAws } from '@dataset-profiler/aws';
import { LocalRayJobs } from '@dataset-profiler/ray';
import { createDeadLetterHandler } from '../../functions/lambda/deadLetterHandler.js';
import { createDispatcherHandler } from '../../functions/lambda/dispatcherHandler.js';
import { freshAwsResources, type AwsTestResources } from '../support/awsEmulator.js';
import { describeWithService } from '../support/externalService.js';
import { aJob, JOB_ID } from '../http/support/fixtures.js';
import { lambdaContext } from './support/sqsEvents.js';
import { sqsEventSource } from './support/sqsSource.js';

const OTHER_JOB_ID = '6b2e9d3f-0a5c-4d8b-9f7a-3e4d5c6b7a81';

/**
 * The dispatcher and dead-letter Lambdas on SQS and DynamoDB (moto): real queues with their redrive
 * policies, real conditional writes; the runner is the embedded one, counting its runs in a file.
 */
describeWithService('AWS_ENDPOINT_URL', 'Lambda: dispatcher and dead letters on the emulator', (endpoint) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  const setUp = async (settings: Record<string, string> = {}, runner: 'local' | 'unreachable' = 'local') => {
    const aws: AwsTestResources = await freshAwsResources(endpoint, settings);
    const dir = await mkdtemp(join(tmpdir(), 'aws-dispatcher-'));
    let stateDir = join(dir, 'runner');
    if (runner === 'unreachable') {
      await writeFile(join(dir, 'not-a-directory'), '');
      stateDir = join(dir, 'not-a-directory', 'runner');
    }
    const ray = new LocalRayJobs({ stateDir, concurrency: 1 });
    cleanups.push(async () => {
      await ray.close();
      await rm(dir, { recursive: true, force: true });
      await aws.cleanup();
    });
    const services: Services = await wireAws(aws.config, { ray, datasets: new S3Datasets(aws.clients.s3, { bucket: aws.config.PROFILES_BUCKET, prefix: '' }), logger: silentLogger, clients: aws.clients });
    const runsFile = join(dir, 'runs.txt');
    const specFor = (job: Job) => ({ submissionId: job.jobId, entrypoint: `echo ran >> ${JSON.stringify(runsFile)}` });
    const dispatcher = createDispatcherHandler(async () => ({ services, specFor, requestsQueueName: queueNameOf(aws.config.REQUESTS_QUEUE) }));
    const deadLetters = createDeadLetterHandler(async () => ({ services, requestsDeadLetterQueueName: queueNameOf(aws.config.REQUESTS_DLQ) }));
    const source = (queue: 'requests' | 'requestsDeadLetters' | 'events' | 'eventsDeadLetters') => sqsEventSource(aws.clients.sqs, (services[queue] as unknown as { queueUrl: string }).queueUrl);
    const runs = async () => (await readFile(runsFile, 'utf8')).trim().split('\n').length;
    return { aws, services, ray, dispatcher, deadLetters, source, runs };
  };

  it('reports only the record that failed in batchItemFailures', async () => {
    const { aws, services, dispatcher, source } = await setUp();
    await services.jobs.create(aJob({ status: JOB_STATUS.SUBMITTING }));
    // A job item the store can no longer read: its request fails, the other one goes through.
    await aws.clients.db.send(new PutCommand({ TableName: aws.config.JOBS_TABLE, Item: { pk: `job#${OTHER_JOB_ID}`, status: 'garbage' } }));
    await services.requests.send({ kind: 'ProfileRequested', jobId: JOB_ID });
    const poisonId = await services.requests.send({ kind: 'ProfileRequested', jobId: OTHER_JOB_ID });
    const requests = await source('requests');

    const event = await requests.receiveAll(2);
    const answer = await dispatcher(event, lambdaContext());
    await requests.complete(event, answer);

    expect(event.Records).toHaveLength(2);
    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: poisonId }]);
    expect((await services.jobs.get(JOB_ID))?.status).toBe(JOB_STATUS.STARTING);
  });

  it('never starts a second runner job for duplicated and redelivered requests', async () => {
    const { services, dispatcher, source, ray, runs } = await setUp();
    await services.jobs.create(aJob({ status: JOB_STATUS.SUBMITTING }));
    for (let copy = 0; copy < 3; copy++) await services.requests.send({ kind: 'ProfileRequested', jobId: JOB_ID });
    const requests = await source('requests');

    const event = await requests.receiveAll(3);
    const first = await dispatcher(event, lambdaContext());
    // The same batch delivered again, as after a lost deletion.
    const redelivered = await dispatcher(event, lambdaContext());
    await requests.complete(event, redelivered);

    expect(event.Records).toHaveLength(3);
    expect([first.batchItemFailures, redelivered.batchItemFailures]).toEqual([[], []]);
    for (let i = 0; i < 200 && (await ray.get(JOB_ID))?.status !== 'SUCCEEDED'; i++) await new Promise((r) => setTimeout(r, 25));
    expect(await runs()).toBe(1);
    const job = await services.jobs.get(JOB_ID);
    expect(job).toMatchObject({ status: JOB_STATUS.STARTING, version: 2 });
  });

  it('sends a request that fails every delivery to the dead-letter queue, whose handler fails the job', async () => {
    const settings = { MAX_RECEIVES: '2', CIRCUIT_FAILURE_THRESHOLD: '1', CIRCUIT_COOL_DOWN_MS: '100', REQUEST_VISIBILITY_TIMEOUT_S: '1' };
    const { services, dispatcher, deadLetters, source } = await setUp(settings, 'unreachable');
    await services.jobs.create(aJob({ status: JOB_STATUS.SUBMITTING }));
    const messageId = await services.requests.send({ kind: 'ProfileRequested', jobId: JOB_ID });
    const requests = await source('requests');
    const dlq = await source('requestsDeadLetters');

    // Each delivery fails (the runner cannot be reached) until SQS moves the message to the DLQ.
    let dead = await dlq.receive(0);
    for (let delivery = 0; dead.Records.length === 0 && delivery < 10; delivery++) {
      const event = await requests.receive();
      if (event.Records.length > 0) expect((await dispatcher(event, lambdaContext())).batchItemFailures).toEqual([{ itemIdentifier: messageId }]);
      dead = await dlq.receive(0);
    }
    expect(dead.Records.map((r) => r.messageId)).toEqual([messageId]);

    const answer = await deadLetters(dead, lambdaContext());
    await dlq.complete(dead, answer);
    expect(answer.batchItemFailures).toEqual([]);
    expect(await services.jobs.get(JOB_ID)).toMatchObject({ status: JOB_STATUS.FAILED, message: expect.stringMatching(/dead-lettered/) });
  });

  it('applies a batch of job events, a duplicate moving nothing, and retries a dead-lettered event once', async () => {
    const { services, dispatcher, deadLetters, source } = await setUp();
    await services.jobs.create(aJob({ status: JOB_STATUS.STARTING, onlyLightProfile: true }));
    await services.jobs.create(aJob({ jobId: OTHER_JOB_ID, status: JOB_STATUS.STARTING, onlyLightProfile: true }));
    for (let copy = 0; copy < 2; copy++) await services.events.send({ type: 'LIGHT_PROFILE_READY', jobId: JOB_ID, lightKey: `jobs/${JOB_ID}/light.json` });
    const events = await source('events');
    const event = await events.receiveAll(2);
    const answer = await dispatcher(event, lambdaContext());
    await events.complete(event, answer);
    expect(answer.batchItemFailures).toEqual([]);
    expect(await services.jobs.get(JOB_ID)).toMatchObject({ status: JOB_STATUS.LIGHT_PROFILE_READY, version: 2 });

    // An event that failed every delivery (say, while the table throttled) is applied by the dead-letter handler.
    await services.eventsDeadLetters.send({ type: 'LIGHT_PROFILE_READY', jobId: OTHER_JOB_ID, lightKey: `jobs/${OTHER_JOB_ID}/light.json` });
    const dlq = await source('eventsDeadLetters');
    const dead = await dlq.receiveAll(1);
    const settled = await deadLetters(dead, lambdaContext());
    await dlq.complete(dead, settled);
    expect(settled.batchItemFailures).toEqual([]);
    expect(await services.jobs.get(OTHER_JOB_ID)).toMatchObject({ status: JOB_STATUS.LIGHT_PROFILE_READY });
  });
});
