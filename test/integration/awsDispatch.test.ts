import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterEach, expect, it } from 'vitest';
import { DynamoJobStore, S3ProfileStore, SqsJobQueue, wireAws } from '@dataset-profiler/aws';
import {
  applyJobEvent,
  JOB_EVENT,
  profileKeys,
  silentLogger,
  StorageUnavailableError,
  triggerProfile,
  type JobStore,
  type Services,
} from '@dataset-profiler/core';
import { FsDatasets, startLoops } from '@dataset-profiler/local';
import { LocalRayJobs } from '@dataset-profiler/ray';
import { makeTempDir } from '../contracts/contractKit.js';
import { freshAwsResources, type AwsTestResources } from '../support/awsEmulator.js';
import { describeWithService } from '../support/externalService.js';

const request = {
  profile_specification: {
    id: '7c4d20a0-33e8-471e-8a3f-a7a54aa09f68', name: 'n', description: '', headline: '', fields_of_science: [], languages: [],
    keywords: [], country: 'GR', published_url: '', doi: '', date_published: '2025-01-01', cite_as: '', license: 'CC0', uploaded_by: 'me',
    data_connectors: [{ type: 'RawDataPath' as const, dataset_id: 'ds' }],
  },
  only_light_profile: false,
};

/** Short deliveries: visible again after 1 s, dead-lettered on the third receive. */
const QUICK_QUEUES = { REQUEST_VISIBILITY_TIMEOUT_S: '1', EVENT_VISIBILITY_TIMEOUT_S: '1', MAX_RECEIVES: '2', CIRCUIT_FAILURE_THRESHOLD: '1' };
/** The emulator is shared by every AWS suite running side by side. */
const CASE_TIMEOUT_MS = 90_000;
/** The reconciler stays out of these cases' way. */
const QUIET_RECONCILER = { reconcile: { resubmitAfterMs: 600_000, graceMs: 600_000 }, reconcileIntervalMs: 60_000, waitMs: 200 };

const until = async (condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** The dispatcher loops on the AWS adapters, with SQS's own redrive doing the dead-lettering. */
describeWithService('AWS_ENDPOINT_URL', 'dispatching on the AWS adapters (emulator)', (endpoint) => {
  const open: { stop(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const resource of open.splice(0).reverse()) await resource.stop();
  });

  const servicesOn = async (aws: AwsTestResources): Promise<Services> => {
    const temp = await makeTempDir('aws-dispatch');
    const ray = new LocalRayJobs({ stateDir: temp.dir, concurrency: 1 });
    open.push({
      stop: async () => {
        await ray.close();
        await temp.remove();
        await aws.cleanup();
      },
    });
    return wireAws(aws.config, { ray, datasets: new FsDatasets(temp.dir), logger: silentLogger, clients: aws.clients });
  };

  it('fails the job of a poison request once SQS has moved it to the dead-letter queue', async () => {
    const s = await servicesOn(await freshAwsResources(endpoint, QUICK_QUEUES));
    const { job_id } = await triggerProfile(s, request);
    // Every delivery of this request fails: the dispatcher cannot build a submission for it.
    const loops = startLoops(s, { specFor: () => { throw new Error('no entrypoint can be built for this job'); }, ...QUIET_RECONCILER });
    open.push(loops);
    await until(async () => (await s.jobs.get(job_id))?.status === 'FAILED');
    expect(await s.jobs.get(job_id)).toMatchObject({
      message: 'The job could not be submitted to the runner: its request failed every delivery and was dead-lettered',
      additionalDetails: { step: 'submit' },
    });
    expect(await s.requests.receive({ waitMs: 0 })).toEqual([]);
  }, CASE_TIMEOUT_MS);

  it('fails the job of an event that kept failing, once it reached the events dead-letter queue', async () => {
    const s = await servicesOn(await freshAwsResources(endpoint, QUICK_QUEUES));
    const { job_id } = await triggerProfile(s, request);
    await applyJobEvent(s, { type: JOB_EVENT.STARTED, jobId: job_id });
    await s.requests.receive().then((messages) => Promise.all(messages.map((m) => s.requests.ack(m.receipt))));
    // Two deliveries and the dead-letter handler's retry meet a throttled table; the failure then gets through.
    let outages = 3;
    const throttled: JobStore = {
      create: (job) => s.jobs.create(job),
      get: (id) => s.jobs.get(id),
      listByStatus: (statuses) => s.jobs.listByStatus(statuses),
      replace: async (job, expectedVersion) => {
        if (outages-- > 0) throw new StorageUnavailableError('DynamoDB table jobs', 'throttled', 'throttled');
        return s.jobs.replace(job, expectedVersion);
      },
    };
    await s.events.send({ type: JOB_EVENT.LIGHT_PROFILE_READY, jobId: job_id, lightKey: profileKeys.light(job_id) });
    const loops = startLoops({ ...s, jobs: throttled }, { specFor: (job) => ({ submissionId: job.jobId, entrypoint: 'true' }), ...QUIET_RECONCILER });
    open.push(loops);
    await until(async () => (await s.jobs.get(job_id))?.status === 'FAILED');
    expect(await s.jobs.get(job_id)).toMatchObject({ additionalDetails: { step: 'record', event: 'LIGHT_PROFILE_READY' } });
    expect(outages).toBeLessThanOrEqual(0);
  }, CASE_TIMEOUT_MS);

  it('reports a missing table, queue or bucket as StorageUnavailableError naming it', async () => {
    const aws = await freshAwsResources(endpoint);
    open.push({ stop: aws.cleanup });
    const missing = { reason: 'missing' };
    await expect(new DynamoJobStore(aws.clients.db, 'no-such-table', { finalJobTtlDays: 1, cleanedUpTtlDays: 1 }).get('x')).rejects.toMatchObject({
      ...missing,
      message: expect.stringContaining('DynamoDB table no-such-table does not exist'),
    });
    await expect(new SqsJobQueue(aws.clients.sqs, `${endpoint}/123456789012/no-such-queue`).send({})).rejects.toMatchObject(missing);
    await expect(new S3ProfileStore(aws.clients.s3, 'no-such-bucket').get('jobs/x/light.json')).rejects.toMatchObject(missing);
  }, CASE_TIMEOUT_MS);

  it('reports an endpoint that does not answer as unreachable', async () => {
    const dynamo = new DynamoDBClient({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1', maxAttempts: 1 });
    const store = new DynamoJobStore(DynamoDBDocumentClient.from(dynamo), 'jobs', { finalJobTtlDays: 1, cleanedUpTtlDays: 1 });
    await expect(store.get('x')).rejects.toMatchObject({ code: 'Unavailable.Storage', reason: 'unreachable' });
  }, CASE_TIMEOUT_MS);
});
