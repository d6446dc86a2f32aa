import {
  CircuitBreaker,
  closedCircuit,
  FixedClock,
  JobAlreadyExistsError,
  JobNotFoundError,
  RunnerUnavailableError,
  silentLogger,
  StaleJobVersionError,
  type CircuitRecord,
  type CircuitStore,
  type Datasets,
  type Job,
  type JobQueue,
  type JobStatus,
  type JobStore,
  type ProfileStore,
  type RayJobInfo,
  type RayJobs,
  type Services,
} from '@dataset-profiler/core';

/** Simple in-memory doubles of the ports: enough for HTTP-layer tests (full-stack runs use the real adapters). */

export class MemoryJobStore implements JobStore {
  readonly jobs = new Map<string, Job>();
  async create(job: Job): Promise<void> {
    if (this.jobs.has(job.jobId)) throw new JobAlreadyExistsError(job.jobId);
    this.jobs.set(job.jobId, structuredClone(job));
  }
  async get(jobId: string): Promise<Job | undefined> {
    const job = this.jobs.get(jobId);
    return job && structuredClone(job);
  }
  async replace(job: Job, expectedVersion: number): Promise<Job> {
    const stored = this.jobs.get(job.jobId);
    if (!stored) throw new JobNotFoundError(job.jobId);
    if (stored.version !== expectedVersion) throw new StaleJobVersionError(job.jobId, expectedVersion);
    const next = { ...structuredClone(job), version: expectedVersion + 1 };
    this.jobs.set(job.jobId, next);
    return structuredClone(next);
  }
  async listByStatus(statuses: readonly JobStatus[]): Promise<Job[]> {
    return [...this.jobs.values()].filter((job) => statuses.includes(job.status)).map((job) => structuredClone(job));
  }
}

export class MemoryQueue implements JobQueue {
  readonly sent: unknown[] = [];
  async send(body: unknown): Promise<string> {
    this.sent.push(body);
    return String(this.sent.length);
  }
  async receive() {
    return [];
  }
  async ack(): Promise<void> {}
  async release(): Promise<void> {}
}

export class MemoryProfileStore implements ProfileStore {
  readonly docs = new Map<string, unknown>();
  async put(key: string, document: unknown): Promise<void> {
    this.docs.set(key, document);
  }
  async get(key: string): Promise<unknown | undefined> {
    return this.docs.get(key);
  }
  async exists(key: string): Promise<boolean> {
    return this.docs.has(key);
  }
  async delete(key: string): Promise<void> {
    this.docs.delete(key);
  }
  locate(key: string): string {
    return `/data/profiles/${key}`;
  }
}

export class FakeRayJobs implements RayJobs {
  readonly jobs = new Map<string, RayJobInfo>();
  reachable = true;
  private check(): void {
    if (!this.reachable) throw new RunnerUnavailableError('connect ECONNREFUSED 10.0.0.7:8265');
  }
  async submit(): Promise<void> {
    this.check();
  }
  async get(submissionId: string): Promise<RayJobInfo | undefined> {
    this.check();
    return this.jobs.get(submissionId);
  }
  async stop(): Promise<boolean> {
    this.check();
    return false;
  }
  async logs(): Promise<string> {
    this.check();
    return '';
  }
  async ping(): Promise<void> {
    this.check();
  }
}

export class MemoryCircuitStore implements CircuitStore {
  constructor(private record: CircuitRecord) {}
  async read(): Promise<CircuitRecord> {
    return { ...this.record };
  }
  async write(next: CircuitRecord, expectedVersion: number): Promise<boolean> {
    if (this.record.version !== expectedVersion) return false;
    this.record = { ...next, version: expectedVersion + 1 };
    return true;
  }
  /** Test hook: the circuit opened because Ray kept failing. */
  open(retryAt: Date, lastError = 'connect ECONNREFUSED 10.0.0.7:8265'): void {
    this.record = { ...this.record, state: 'open', failures: 3, retryAt: retryAt.toISOString(), lastError };
  }
}

const insideDatasets: Datasets = { locate: async (id) => ({ kind: 'inside', path: `/data/${id}` }) };

export interface TestServices {
  services: Services;
  jobs: MemoryJobStore;
  profiles: MemoryProfileStore;
  ray: FakeRayJobs;
  circuitStore: MemoryCircuitStore;
  clock: FixedClock;
  requests: MemoryQueue;
}

export const makeTestServices = (overrides: Partial<Services> = {}): TestServices => {
  const clock = new FixedClock(new Date('2026-01-15T10:00:00.000Z'));
  const circuitStore = new MemoryCircuitStore(closedCircuit(clock.now()));
  const jobs = new MemoryJobStore();
  const profiles = new MemoryProfileStore();
  const ray = new FakeRayJobs();
  const requests = new MemoryQueue();
  let next = 0;
  const services: Services = {
    jobs,
    requests,
    requestsDeadLetters: new MemoryQueue(),
    events: new MemoryQueue(),
    profiles,
    ray,
    circuit: new CircuitBreaker(circuitStore, clock),
    datasets: insideDatasets,
    clock,
    newId: () => `0b6c4a1e-3f2d-4c5b-8a9e-${String(++next).padStart(12, '0')}`,
    logger: silentLogger,
    ...overrides,
  };
  return { services, jobs, profiles, ray, circuitStore, clock, requests };
};
