import { randomUUID } from 'node:crypto';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAwsClients, DynamoCircuitStore, DynamoJobStore, loadAwsConfig, resolveQueueUrl, S3ProfileStore, SqsJobQueue, type AwsClients, type AwsConfig } from '@dataset-profiler/aws';
import { CircuitBreaker, CIRCUIT_STATE, initialProgress, profileKeys, SystemClock } from '@dataset-profiler/core';
import { emulatorCredentials, removeAwsResources, uniqueAwsNames } from '../support/awsEmulator.js';
import { describeWithService } from '../support/externalService.js';
import { getJson, makeDirs, postJson, specFor, startStack, waitForFinal, type RunningStack } from '../support/localStack.js';

const DATASET_ID = '7c4d20a0-33e8-471e-8a3f-a7a54aa09f68';
/** The emulator is one Python process shared by every AWS suite: generous limits, as CI runs them side by side. */
const JOB_TIMEOUT_MS = 90_000;
const CASE_TIMEOUT_MS = 150_000;

/** `npm start` with PROFILER_BACKEND=aws on the emulator: every store and queue on DynamoDB, SQS and S3. */
describeWithService('AWS_ENDPOINT_URL', 'the local stack on the AWS adapters (PROFILER_BACKEND=aws), over HTTP', (endpoint) => {
  let stack: RunningStack;
  let dirs: Awaited<ReturnType<typeof makeDirs>>;
  let config: AwsConfig;
  let clients: AwsClients;
  let jobs: DynamoJobStore;
  const transitionsOf = (jobId: string) => stack.logs.filter((line) => line.msg === 'job transition' && line.job_id === jobId).map((line) => line.to);

  beforeAll(async () => {
    dirs = await makeDirs(['subway_data']);
    const env = {
      ...emulatorCredentials(),
      ...uniqueAwsNames(),
      AWS_ENDPOINT_URL: endpoint,
      PROFILER_BACKEND: 'aws',
      AWS_BOOTSTRAP: 'true',
      DATA_ROOT: dirs.dataRoot,
      DATA_DIR: dirs.dataDir,
      CIRCUIT_COOL_DOWN_MS: '2000',
      RECONCILE_INTERVAL_MS: '1000',
    };
    config = loadAwsConfig(env);
    clients = createAwsClients(config);
    jobs = new DynamoJobStore(clients.db, config.JOBS_TABLE, { finalJobTtlDays: 90, cleanedUpTtlDays: 7 });
    stack = await startStack(env);
  });

  afterAll(async () => {
    await stack?.kill('SIGTERM');
    await dirs?.cleanup();
    if (config) await removeAwsResources(config, clients);
  });

  it('profiles subway_data: trigger → SQS → dispatcher → local runner → DynamoDB → S3 → profile → clean_up', async () => {
    const started = Date.now();
    const trigger = await postJson(`${stack.url}/profiler/trigger_profile`, specFor('subway_data'));
    expect(trigger.status).toBe(200);
    const jobId = trigger.body.job_id as string;
    const final = await waitForFinal(stack.url, jobId, JOB_TIMEOUT_MS);
    console.log(`subway_data on the AWS adapters (emulator): trigger_profile → ${final.status} in ${Date.now() - started} ms`);
    expect(final).toMatchObject({ status: 'HEAVY_PROFILES_READY', dataset_id: DATASET_ID, progress: { phase: 'done', files_done: 1 } });
    expect(transitionsOf(jobId)).toEqual(['SUBMITTING', 'STARTING', 'LIGHT_PROFILE_READY', 'HEAVY_PROFILES_READY']);

    // The record in DynamoDB: out of the in-flight index, expiring with the final-job TTL.
    const { Item } = await clients.dynamo.send(new GetItemCommand({ TableName: config.JOBS_TABLE, Key: { pk: { S: `job#${jobId}` } }, ConsistentRead: true }));
    expect(Item?.status?.S).toBe('HEAVY_PROFILES_READY');
    expect(Item?.inFlight).toBeUndefined();
    expect(Number(Item?.expiresAt?.N)).toBeGreaterThan(Date.now() / 1000 + 89 * 86_400);

    const profile = await getJson(`${stack.url}/profiler/profile/${jobId}`);
    expect(profile.status).toBe(200);
    const validations = profile.body.moma_profile_heavy.recordSet[0].field.find((f: any) => f.name === 'dv_validations');
    expect(validations.statistics).toMatchObject({ rowCount: 20357, min: 1, max: 17606, median: 192 });
    const cddPath = await getJson(`${stack.url}/profiler/cdd_profile_path/${DATASET_ID}`);
    expect(cddPath.body.cdd_profile_path).toBe(`s3://${config.PROFILES_BUCKET}/cdd/${DATASET_ID}.json`);
    expect(profile.body.cdd_profile).toEqual({ path: cddPath.body.cdd_profile_path });
    const s3 = new S3ProfileStore(clients.s3, config.PROFILES_BUCKET);
    expect(await s3.exists(profileKeys.heavy(jobId))).toBe(true);

    const cleaned = await postJson(`${stack.url}/profiler/clean_up`, { job_id: jobId });
    expect(cleaned).toMatchObject({ status: 200, body: { job_id: jobId, status: 'CLEANED_UP' } });
    expect(await s3.exists(profileKeys.light(jobId))).toBe(false);
    expect(await s3.exists(profileKeys.heavy(jobId))).toBe(false);
    expect((await getJson(`${stack.url}/profiler/profile/${jobId}`)).status).toBe(404);
  }, CASE_TIMEOUT_MS);

  it('never starts a second runner job nor moves a job backwards on redelivered and duplicated messages', async () => {
    const { body } = await postJson(`${stack.url}/profiler/trigger_profile`, { ...specFor('subway_data'), only_light_profile: true });
    const jobId = body.job_id as string;
    const requests = new SqsJobQueue(clients.sqs, await resolveQueueUrl(clients.sqs, config.REQUESTS_QUEUE));
    const events = new SqsJobQueue(clients.sqs, await resolveQueueUrl(clients.sqs, config.EVENTS_QUEUE));
    // Two more copies of the request while the first is being handled: at-least-once delivery.
    await Promise.all([requests.send({ kind: 'ProfileRequested', jobId }), requests.send({ kind: 'ProfileRequested', jobId })]);
    expect((await waitForFinal(stack.url, jobId, JOB_TIMEOUT_MS)).status).toBe('LIGHT_PROFILE_READY');
    const settled = await jobs.get(jobId);

    // Late copies of the request and of the job's events, after the job has finished.
    await requests.send({ kind: 'ProfileRequested', jobId });
    await events.send({ type: 'STARTED', jobId });
    await events.send({ type: 'LIGHT_PROFILE_READY', jobId, lightKey: profileKeys.light(jobId) });
    await events.send({ type: 'PROGRESS', jobId, progress: { ...initialProgress(), phase: 'listing' } });
    await until(async () => (await queueDepth(clients, requests)) + (await queueDepth(clients, events)) === 0, JOB_TIMEOUT_MS);

    expect(await jobs.get(jobId)).toEqual(settled);
    expect(transitionsOf(jobId)).toEqual(['SUBMITTING', 'STARTING', 'LIGHT_PROFILE_READY']);
    expect((await getJson(`${stack.url}/profiler/runner_status/${jobId}`)).body).toBe('completed');
  }, CASE_TIMEOUT_MS);

  it('profiles a request of 300 KB: the job record keeps it gzipped, under the 400 KB item limit', async () => {
    const description = 'Validations per station. '.repeat(12_000);
    const { body } = await postJson(`${stack.url}/profiler/trigger_profile`, { ...specFor('subway_data', { description }), only_light_profile: true });
    expect((await waitForFinal(stack.url, body.job_id, JOB_TIMEOUT_MS)).status).toBe('LIGHT_PROFILE_READY');
    expect((await getJson(`${stack.url}/profiler/profile/${body.job_id}`)).body.moma_profile_light.description).toBe(description);
  }, CASE_TIMEOUT_MS);

  it('answers 503 with Retry-After while the breaker record in DynamoDB is open, and closes it with a probe', async () => {
    // Another process (a dispatcher Lambda, say) records runner failures in the shared record.
    const clock = new SystemClock();
    const breaker = new CircuitBreaker(new DynamoCircuitStore(clients.db, config.JOBS_TABLE, clock), clock, { failureThreshold: 3, coolDownMs: 2_000 });
    for (let failure = 0; failure < 3; failure++) await breaker.recordFailure('connect ECONNREFUSED 10.0.0.7:8265');

    const refused = await postJson(`${stack.url}/profiler/trigger_profile`, specFor('subway_data'));
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.body).toMatchObject({ code: 'Unavailable.Ray', status: 503 });

    // After the cool-down the stack's reconciler probes its (working) runner and closes the circuit.
    await until(async () => (await breaker.read()).state === CIRCUIT_STATE.CLOSED, JOB_TIMEOUT_MS);
    const accepted = await postJson(`${stack.url}/profiler/trigger_profile`, { ...specFor('subway_data'), only_light_profile: true });
    expect(accepted.status).toBe(200);
    expect((await waitForFinal(stack.url, accepted.body.job_id, JOB_TIMEOUT_MS)).status).toBe('LIGHT_PROFILE_READY');
  }, CASE_TIMEOUT_MS);

  it('serves a profile larger than 6 MB through a redirect to a short-lived S3 URL', async () => {
    const jobId = randomUUID();
    const now = new Date().toISOString();
    const distribution = Array.from({ length: 50_000 }, (_, n) => ({ '@type': 'cr:FileObject', name: `file-${n}.csv`, contentSize: `${n} B`, sha256: 'a'.repeat(64) }));
    const light = { '@type': 'sc:Dataset', name: 'many files', distribution };
    await new S3ProfileStore(clients.s3, config.PROFILES_BUCKET).put(profileKeys.light(jobId), light);
    await jobs.create({
      jobId, datasetId: DATASET_ID, status: 'LIGHT_PROFILE_READY', onlyLightProfile: true, request: {}, createdAt: now, updatedAt: now,
      progress: initialProgress(), profiles: { light: profileKeys.light(jobId) }, version: 1,
    });

    const direct = await fetch(`${stack.url}/profiler/profile/${jobId}`, { redirect: 'manual' });
    expect(direct.status).toBe(307);
    const location = direct.headers.get('location') ?? '';
    expect(location).toContain('X-Amz-Signature=');
    const followed = await fetch(`${stack.url}/profiler/profile/${jobId}`);
    const text = await followed.text();
    expect(followed.status).toBe(200);
    expect(Buffer.byteLength(text)).toBeGreaterThan(6 * 1024 * 1024);
    expect(JSON.parse(text)).toEqual({ moma_profile_light: light, moma_profile_heavy: {}, cdd_profile: {} });

    // clean_up removes the published answer with the profiles.
    await postJson(`${stack.url}/profiler/clean_up`, { job_id: jobId });
    await expect(clients.s3.send(new HeadObjectCommand({ Bucket: config.PROFILES_BUCKET, Key: profileKeys.answer(jobId) }))).rejects.toMatchObject({ name: 'NotFound' });
  }, CASE_TIMEOUT_MS);
});

/** Messages in a queue, visible or in flight. */
const queueDepth = async (clients: AwsClients, queue: SqsJobQueue): Promise<number> => {
  const { Attributes = {} } = await clients.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queue.queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
};

const until = async (condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};
