import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  applyJobEvent,
  DatabaseHostPolicy,
  parseHostAllowList,
  CircuitBreaker,
  dispatchJobEvent,
  dispatchProfileRequest,
  cleanUp,
  failDeadLetteredEvent,
  failDeadLetteredRequest,
  FixedClock,
  JOB_EVENT,
  RayUnavailableError,
  reconcile,
  runProfileJob,
  RunnerUnavailableError,
  profileKeys,
  silentLogger,
  StorageUnavailableError,
  triggerProfile,
  type Job,
  type JobSpecFactory,
  type JobStore,
  type ProfileStore,
  type ProfilingRequest,
  type RayJobs,
  type Services,
} from '@dataset-profiler/core';
import { FileCircuitStore, FileJobQueue, FileJobStore, FileProfileStore, FsDatasets } from '@dataset-profiler/local';
import { LocalRayJobs } from '@dataset-profiler/ray';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/** The real store with its `delete` replaced: to watch or break one step of a use case. */
const withDelete = (store: ProfileStore, remove: (key: string) => Promise<void>): ProfileStore => ({
  put: (key, document) => store.put(key, document),
  get: (key) => store.get(key),
  exists: (key) => store.exists(key),
  locate: (key) => store.locate(key),
  delete: remove,
});

/** A runner that cannot be reached: what an unreachable Ray head looks like through the port. */
class UnreachableRayJobs implements RayJobs {
  calls = 0;
  private fail(): never {
    this.calls++;
    throw new RunnerUnavailableError('connect ECONNREFUSED 127.0.0.1:8265');
  }
  submit = async () => this.fail();
  get = async () => this.fail();
  stop = async () => this.fail();
  logs = async () => this.fail();
  ping = async () => this.fail();
}

const request = (datasetId = 'ds', onlyLight = false) => ({
  profile_specification: {
    id: '7c4d20a0-33e8-471e-8a3f-a7a54aa09f68', name: 'n', description: '', headline: '', fields_of_science: [],
    languages: [], keywords: [], country: 'GR', published_url: '', doi: '', date_published: '2025-01-01', cite_as: '',
    license: 'CC0', uploaded_by: 'me', data_connectors: [{ type: 'RawDataPath' as const, dataset_id: datasetId }],
  },
  only_light_profile: onlyLight,
});

describe('use cases on the embedded adapters', () => {
  let dir: string;
  let clock: FixedClock;
  let runner: LocalRayJobs;
  let s: Services;
  let ids: number;
  const specFor = (command: string): JobSpecFactory => (job: Job) => ({ submissionId: job.jobId, entrypoint: command });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'usecases-'));
    clock = new FixedClock(new Date('2026-11-21T12:00:00Z'));
    runner = new LocalRayJobs({ stateDir: join(dir, 'runner'), concurrency: 2 });
    const requestsDeadLetters = new FileJobQueue({ dir: join(dir, 'dlq'), clock });
    ids = 0;
    s = {
      jobs: new FileJobStore(dir),
      requests: new FileJobQueue({ dir: join(dir, 'requests'), clock, visibilityTimeoutSeconds: 5, maxReceives: 2, deadLetter: requestsDeadLetters }),
      requestsDeadLetters,
      events: new FileJobQueue({ dir: join(dir, 'events'), clock }),
      eventsDeadLetters: new FileJobQueue({ dir: join(dir, 'events-dlq'), clock }),
      profiles: new FileProfileStore(join(dir, 'profiles')),
      ray: runner,
      circuit: new CircuitBreaker(new FileCircuitStore(join(dir, 'circuit'), clock), clock, { failureThreshold: 2, coolDownMs: 10_000 }),
      datasets: new FsDatasets(dir),
      clock,
      newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
      logger: silentLogger,
    };
  });

  afterEach(async () => {
    await runner.close();
    await rm(dir, { recursive: true, force: true });
  });

  const trigger = async (onlyLight = false) => (await triggerProfile(s, request('ds', onlyLight))).job_id;
  const statusOf = async (jobId: string) => (await s.jobs.get(jobId))?.status;

  it('queues a new job as SUBMITTING and the dispatcher submits it once, even when the message comes twice', async () => {
    const jobId = await trigger();
    expect(await statusOf(jobId)).toBe('SUBMITTING');
    const [message] = await s.requests.receive();
    expect(message?.body).toEqual({ kind: 'ProfileRequested', jobId });
    const spec = specFor('sleep 0.2');
    expect(await dispatchProfileRequest(s, message!.body, spec)).toEqual({ kind: 'ack' });
    expect(await statusOf(jobId)).toBe('STARTING');
    expect(await dispatchProfileRequest(s, message!.body, spec)).toEqual({ kind: 'ack' });
    expect((await runner.get(jobId))?.submissionId).toBe(jobId);
  });

  it('keeps the message and opens the circuit when the runner cannot be reached; the API then answers 503', async () => {
    const jobId = await trigger();
    const unreachable = new UnreachableRayJobs();
    const down = { ...s, ray: unreachable };
    const body = { kind: 'ProfileRequested', jobId };
    expect(await dispatchProfileRequest(down, body, specFor('true'))).toMatchObject({ kind: 'retry' });
    expect(await dispatchProfileRequest(down, body, specFor('true'))).toMatchObject({ kind: 'retry' });
    expect((await s.circuit.read()).state).toBe('open');
    await expect(triggerProfile(s, request())).rejects.toBeInstanceOf(RayUnavailableError);
    // While open, the dispatcher does not even call the runner.
    const callsBefore = unreachable.calls;
    expect(await dispatchProfileRequest(down, body, specFor('true'))).toMatchObject({ kind: 'retry', reason: 'circuit open' });
    expect(unreachable.calls).toBe(callsBefore);
    expect(await statusOf(jobId)).toBe('SUBMITTING');
    // After the cool-down the reconciler's probe finds the runner back and closes the circuit.
    clock.advance(10_000);
    await reconcile(s);
    expect((await s.circuit.read()).state).toBe('closed');
  });

  it('applies job events in any order and ignores duplicates', async () => {
    const jobId = await trigger();
    await applyJobEvent(s, { type: JOB_EVENT.STARTED, jobId });
    const heavy = { type: JOB_EVENT.HEAVY_PROFILES_READY, jobId, heavyKey: 'h', cddKey: 'c' };
    const light = { type: JOB_EVENT.LIGHT_PROFILE_READY, jobId, lightKey: 'l' };
    await dispatchJobEvent(s, heavy);
    await dispatchJobEvent(s, light);
    await dispatchJobEvent(s, heavy);
    await dispatchJobEvent(s, { type: JOB_EVENT.FAILED, jobId, message: 'late' });
    const job = await s.jobs.get(jobId);
    expect(job).toMatchObject({ status: 'HEAVY_PROFILES_READY', profiles: { heavy: 'h', cdd: 'c' } });
    expect(job?.message).toBeUndefined();
  });

  it('lets exactly one of many concurrent writers win each transition', async () => {
    const jobId = await trigger();
    const events = Array.from({ length: 20 }, (_, i) =>
      i % 2 ? { type: JOB_EVENT.STARTED, jobId } : { type: JOB_EVENT.LIGHT_PROFILE_READY, jobId, lightKey: 'l' },
    );
    const outcomes = await Promise.all(events.map((event) => applyJobEvent(s, event as never)));
    expect(await statusOf(jobId)).toBe('LIGHT_PROFILE_READY');
    expect(outcomes.filter((o) => o.kind === 'changed').length).toBeLessThanOrEqual(2);
  });

  it('fails a job whose request was dead-lettered, naming the step', async () => {
    const jobId = await trigger();
    await failDeadLetteredRequest(s, { kind: 'ProfileRequested', jobId });
    expect(await s.jobs.get(jobId)).toMatchObject({
      status: 'FAILED',
      message: 'The job could not be submitted to the runner: its request failed every delivery and was dead-lettered',
      additionalDetails: { step: 'submit' },
    });
  });

  it('moves a request that keeps failing to the dead-letter queue after maxReceives', async () => {
    await trigger();
    clock.advance(0);
    for (let receive = 0; receive < 2; receive++) {
      expect(await s.requests.receive()).toHaveLength(1);
      clock.advance(5_000);
    }
    expect(await s.requests.receive()).toHaveLength(0);
    expect(await s.requestsDeadLetters.receive()).toHaveLength(1);
  });

  it('reconciles: fails a job whose runner job failed, after a grace, without quoting its logs', async () => {
    const jobId = await trigger();
    await dispatchProfileRequest(s, { kind: 'ProfileRequested', jobId }, specFor('echo disk full at /srv/secret; exit 3'));
    for (let i = 0; i < 100 && (await runner.get(jobId))?.status !== 'FAILED'; i++) await new Promise((r) => setTimeout(r, 50));
    const endedAt = (await runner.get(jobId))?.endTime ?? 0;
    clock.advance(endedAt - clock.now().getTime() + 1_000);
    // Within the grace the job's own FAILED event may still arrive: nothing is decided yet.
    expect(await reconcile(s)).toMatchObject({ failed: 0 });
    clock.advance(30_000);
    expect(await reconcile(s)).toMatchObject({ failed: 1 });
    const job = await s.jobs.get(jobId);
    expect(job).toMatchObject({
      status: 'FAILED',
      message: 'The profile job failed in the runner: Job entrypoint command failed with exit code 3',
      additionalDetails: { runner_status: 'FAILED', reason: 'FAILED', exit_code: 3 },
    });
    expect(JSON.stringify(job)).not.toContain('/srv/secret');
  });

  it('reconciles: a job that exited with success and stored its profiles is settled by them, its late events are duplicates', async () => {
    const waitForRunner = async (jobId: string) => {
      for (let i = 0; i < 100 && (await runner.get(jobId))?.status !== 'SUCCEEDED'; i++) await new Promise((r) => setTimeout(r, 50));
    };
    const stored = await trigger();
    await dispatchProfileRequest(s, { kind: 'ProfileRequested', jobId: stored }, specFor('true'));
    await s.profiles.put(profileKeys.light(stored), { light: true });
    const cdd = profileKeys.cdd((await s.jobs.get(stored))!.datasetId!);
    await s.profiles.put(cdd, { cdd: true });
    await s.profiles.put(profileKeys.heavy(stored), { heavy: true });
    const missing = await trigger();
    await dispatchProfileRequest(s, { kind: 'ProfileRequested', jobId: missing }, specFor('true'));
    await s.profiles.put(profileKeys.light(missing), { light: true });
    await waitForRunner(stored);
    await waitForRunner(missing);
    // No grace needed where the profiles are stored; where only the light one is, the job waits for its events.
    expect(await reconcile(s)).toMatchObject({ failed: 0 });
    expect(await s.jobs.get(stored)).toMatchObject({
      status: 'HEAVY_PROFILES_READY',
      profiles: { light: profileKeys.light(stored), heavy: profileKeys.heavy(stored), cdd },
    });
    expect(await s.jobs.get(missing)).toMatchObject({ status: 'LIGHT_PROFILE_READY' });
    const late = await applyJobEvent(s, { type: JOB_EVENT.HEAVY_PROFILES_READY, jobId: stored, heavyKey: profileKeys.heavy(stored), cddKey: cdd });
    expect(late.kind).toBe('ignored');
    clock.advance(Math.max(0, ((await runner.get(missing))?.endTime ?? 0) - clock.now().getTime()) + 31_000);
    expect(await reconcile(s)).toMatchObject({ failed: 1 });
    expect(await s.jobs.get(missing)).toMatchObject({ status: 'FAILED', message: 'The profile job ended without reporting its profiles (exit code 0)' });
  });

  it('reconciles: re-enqueues a submission whose message was lost, and fails a job the runner never heard of', async () => {
    const lost = await trigger();
    await s.requests.receive().then((messages) => Promise.all(messages.map((m) => s.requests.ack(m.receipt))));
    const options = { resubmitAfterMs: 60_000, graceMs: 30_000 };
    const requeued = new Map<string, number>();
    expect(await reconcile(s, options, requeued)).toMatchObject({ requeued: 0 });
    clock.advance(60_000);
    expect(await reconcile(s, options, requeued)).toMatchObject({ requeued: 1 });
    // Once per interval, not on every pass.
    expect(await reconcile(s, options, requeued)).toMatchObject({ requeued: 0 });
    clock.advance(60_000);
    expect(await reconcile(s, options, requeued)).toMatchObject({ requeued: 1 });
    const resent = await s.requests.receive();
    expect(resent.map((m) => m.body)).toEqual([{ kind: 'ProfileRequested', jobId: lost }, { kind: 'ProfileRequested', jobId: lost }]);
    await Promise.all(resent.map((m) => s.requests.ack(m.receipt)));

    const unknown = await trigger();
    await applyJobEvent(s, { type: JOB_EVENT.STARTED, jobId: unknown });
    clock.advance(30_000);
    await reconcile(s, { resubmitAfterMs: 600_000, graceMs: 30_000 });
    expect(await s.jobs.get(unknown)).toMatchObject({ status: 'FAILED', message: 'The runner has no record of this job' });
  });

  it('runs a profile job that fails: reports FAILED with the step and without server paths, exit code 1', async () => {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(dir, 'ds'));
    const profiler = {
      light: async () => {
        throw new Error("EACCES: permission denied, open '/srv/data/ds/secret.csv'");
      },
      heavy: async () => ({ profile: {}, cdd: {} }),
    };
    const jobId = await trigger();
    const code = await runProfileJob({ ...s, profiler }, jobId, request('ds'));
    expect(code).toBe(1);
    const events = (await s.events.receive()).map((m) => m.body);
    expect(events).toContainEqual({
      type: 'FAILED',
      jobId,
      message: "EACCES: permission denied, open '<path>'",
      additionalDetails: { step: 'light' },
    });
  });

  /** Drives a job to HEAVY_PROFILES_READY with both profiles stored, as the dispatcher would. */
  const finishedJob = async () => {
    const jobId = await trigger();
    await s.profiles.put(profileKeys.light(jobId), { light: true });
    await s.profiles.put(profileKeys.heavy(jobId), { heavy: true });
    await applyJobEvent(s, { type: JOB_EVENT.STARTED, jobId });
    await applyJobEvent(s, { type: JOB_EVENT.LIGHT_PROFILE_READY, jobId, lightKey: profileKeys.light(jobId) });
    await applyJobEvent(s, { type: JOB_EVENT.HEAVY_PROFILES_READY, jobId, heavyKey: profileKeys.heavy(jobId), cddKey: profileKeys.cdd('ds') });
    return jobId;
  };

  it('clean_up stores CLEANED_UP before it deletes a profile', async () => {
    const jobId = await finishedJob();
    const statusAtDelete: (string | undefined)[] = [];
    const profiles = withDelete(s.profiles, async (key) => {
      statusAtDelete.push(await statusOf(jobId));
      await s.profiles.delete(key);
    });
    await cleanUp({ ...s, profiles }, jobId);
    expect(statusAtDelete.length).toBeGreaterThan(0);
    expect(new Set(statusAtDelete)).toEqual(new Set(['CLEANED_UP']));
    expect(await s.profiles.exists(profileKeys.heavy(jobId))).toBe(false);
  });

  it('clean_up interrupted after storing CLEANED_UP: a second clean_up removes the profiles left behind', async () => {
    const jobId = await finishedJob();
    const failing = withDelete(s.profiles, async () => {
      throw new StorageUnavailableError('profiles', 'unreachable', 'profile store unreachable');
    });
    await expect(cleanUp({ ...s, profiles: failing }, jobId)).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(await statusOf(jobId)).toBe('CLEANED_UP');
    expect(await s.profiles.exists(profileKeys.light(jobId))).toBe(true);
    expect(await cleanUp(s, jobId)).toEqual({ job_id: jobId, status: 'CLEANED_UP' });
    expect(await s.profiles.exists(profileKeys.light(jobId))).toBe(false);
    expect(await s.profiles.exists(profileKeys.heavy(jobId))).toBe(false);
  });

  it('applies a dead-lettered job event once more, and drops a dead-lettered progress event', async () => {
    const jobId = await trigger();
    await applyJobEvent(s, { type: JOB_EVENT.STARTED, jobId });
    const progress = { phase: 'light' as const, files_done: 1, files_total: 2, bytes_done: 1, bytes_total: 2 };
    expect(await failDeadLetteredEvent(s, { type: 'PROGRESS', jobId, progress })).toEqual({ kind: 'ack' });
    expect((await s.jobs.get(jobId))?.progress.files_done).toBe(0);
    expect(await failDeadLetteredEvent(s, { type: 'LIGHT_PROFILE_READY', jobId, lightKey: profileKeys.light(jobId) })).toEqual({ kind: 'ack' });
    expect(await statusOf(jobId)).toBe('LIGHT_PROFILE_READY');
  });

  it('fails the job of a dead-lettered event that still cannot be applied, naming the event', async () => {
    const jobId = await trigger();
    await applyJobEvent(s, { type: JOB_EVENT.STARTED, jobId });
    let outages = 1;
    const flaky: JobStore = {
      create: (job) => s.jobs.create(job),
      get: (id) => s.jobs.get(id),
      listByStatus: (statuses) => s.jobs.listByStatus(statuses),
      replace: async (job, expectedVersion) => {
        // One outage, as a throttled or briefly unreachable store gives.
        if (outages-- > 0) throw new StorageUnavailableError('jobs', 'throttled', 'job store throttled');
        return s.jobs.replace(job, expectedVersion);
      },
    };
    await failDeadLetteredEvent({ ...s, jobs: flaky }, { type: 'LIGHT_PROFILE_READY', jobId, lightKey: profileKeys.light(jobId) });
    expect(await s.jobs.get(jobId)).toMatchObject({
      status: 'FAILED',
      message: "The job's LIGHT_PROFILE_READY event could not be recorded: it failed every delivery and was dead-lettered",
      additionalDetails: { step: 'record', event: 'LIGHT_PROFILE_READY' },
      });
    });

  it('checks database hosts again when the job starts: a name that now resolves to a metadata address fails the job before any connection', async () => {
    const zone: Record<string, string[]> = { 'db.example.org': ['93.184.215.14'] };
    const databaseHosts = new DatabaseHostPolicy(parseHostAllowList(['db.example.org']), { resolve: async (name) => zone[name] ?? [] });
    const base = request('ds');
    const withDatabase: ProfilingRequest = {
      ...base,
      profile_specification: {
        ...base.profile_specification,
        data_connectors: [{ type: 'DatabaseConnection', protocol: 'postgresql', engine: 'PostgreSQL', host: 'db.example.org', port: 5432, database_name: 'sales' }],
      },
    };
    const { job_id: jobId } = await triggerProfile({ ...s, databaseHosts }, withDatabase);
    zone['db.example.org'] = ['169.254.169.254'];
    let profiled = false;
    const profiler = {
      light: async () => {
        profiled = true;
        return { profile: {}, state: {} };
      },
      heavy: async () => ({ profile: {}, cdd: {} }),
    };
    expect(await runProfileJob({ ...s, profiler, databaseHosts }, jobId, withDatabase)).toBe(1);
    expect(profiled).toBe(false);
    expect((await s.events.receive()).map((m) => m.body)).toContainEqual({
      type: 'FAILED',
      jobId,
      message: "Database 'sales' not profiled: host 'db.example.org' resolves to 169.254.169.254, a link-local (cloud metadata) address that DB_ALLOWED_HOSTS does not list",
      additionalDetails: { step: 'locate' },
    });
  });
});
