import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CircuitBreaker, silentLogger, SystemClock, triggerProfile, type Services } from '@dataset-profiler/core';
import { LocalRayJobs } from '@dataset-profiler/ray';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileCircuitStore } from '../src/FileCircuitStore.js';
import { FileJobQueue } from '../src/FileJobQueue.js';
import { FileJobStore } from '../src/FileJobStore.js';
import { FileProfileStore } from '../src/FileProfileStore.js';
import { FsDatasets } from '../src/FsDatasets.js';
import { startLoops } from '../src/loops.js';

const request = {
  profile_specification: {
    id: '7c4d20a0-33e8-471e-8a3f-a7a54aa09f68', name: 'n', description: '', headline: '', fields_of_science: [], languages: [],
    keywords: [], country: 'GR', published_url: '', doi: '', date_published: '2025-01-01', cite_as: '', license: 'CC0', uploaded_by: 'me',
    data_connectors: [{ type: 'RawDataPath' as const, dataset_id: 'ds' }],
  },
  only_light_profile: false,
};

describe('Function: startLoops', () => {
  let dir: string;
  let s: Services;
  let runner: LocalRayJobs;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'loops-'));
    const clock = new SystemClock();
    runner = new LocalRayJobs({ stateDir: join(dir, 'runner'), concurrency: 1 });
    const requestsDeadLetters = new FileJobQueue({ dir: join(dir, 'dlq'), clock });
    s = {
      jobs: new FileJobStore(dir),
      // Visible again almost at once and dead-lettered after 2 deliveries: a paused loop must not spend them.
      requests: new FileJobQueue({ dir: join(dir, 'requests'), clock, visibilityTimeoutSeconds: 1, maxReceives: 2, deadLetter: requestsDeadLetters }),
      requestsDeadLetters,
      events: new FileJobQueue({ dir: join(dir, 'events'), clock }),
      eventsDeadLetters: new FileJobQueue({ dir: join(dir, 'events-dlq'), clock }),
      profiles: new FileProfileStore(join(dir, 'profiles')),
      ray: runner,
      circuit: new CircuitBreaker(new FileCircuitStore(join(dir, 'circuit'), clock), clock, { failureThreshold: 1, coolDownMs: 60_000 }),
      datasets: new FsDatasets(dir),
      clock,
      newId: () => '00000000-0000-4000-8000-000000000001',
      logger: silentLogger,
    };
  });

  afterEach(async () => {
    await runner.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('leaves queued requests untouched while the runner circuit is open, so none is dead-lettered', async () => {
    const { job_id } = await triggerProfile(s, request);
    await s.circuit.recordFailure('connect ECONNREFUSED');
    const loops = startLoops(s, { specFor: (job) => ({ submissionId: job.jobId, entrypoint: 'true' }), reconcile: { resubmitAfterMs: 60_000, graceMs: 30_000 }, reconcileIntervalMs: 100, waitMs: 100 });
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await loops.stop();

    expect((await s.jobs.get(job_id))?.status).toBe('SUBMITTING');
    expect(await s.requestsDeadLetters.receive()).toHaveLength(0);
    const [message] = await s.requests.receive();
    expect(message).toMatchObject({ body: { kind: 'ProfileRequested', jobId: job_id }, receiveCount: 1 });
  });
});
