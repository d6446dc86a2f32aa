import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  JobAlreadyExistsError,
  JobNotFoundError,
  StaleJobVersionError,
  type Job,
  type JobStatus,
  type JobStore,
  type Logger,
} from '@dataset-profiler/core';
import { ensureDir, readJsonIfExists, writeJsonAtomic } from './fs/atomicFile.js';
import { mapInBatches } from './fs/mapInBatches.js';
import { KeyedMutex } from './fs/KeyedMutex.js';
import { parseJobRecord } from './fs/jobRecord.js';

export interface FileJobStoreOptions {
  /** Where corrupt records found while indexing are reported. */
  logger?: Pick<Logger, 'warn'>;
}

const RECORD_SUFFIX = '.json';
/** Files read at once, well under the usual open-file limit. */
const READ_BATCH = 64;

/**
 * Job records as one JSON file each under `<dir>/jobs`, written atomically.
 *
 * Single writer: conditional writes are serialised by an in-process lock per job and checked against
 * the file on disk, so they are exact within one process. Only one process (the local stack) may
 * write a directory; a second writer could interleave between the check and the rename.
 *
 * `listByStatus` uses a status index built from the files on first use and kept current by every
 * write of this instance, so it reads only the matching records.
 */
export class FileJobStore implements JobStore {
  private readonly jobsDir: string;
  private readonly locks = new KeyedMutex();
  private readonly logger: Pick<Logger, 'warn'> | undefined;
  private index: Promise<Map<string, JobStatus>> | undefined;

  constructor(dir: string, options: FileJobStoreOptions = {}) {
    this.jobsDir = join(dir, 'jobs');
    this.logger = options.logger;
  }

  async create(job: Job): Promise<void> {
    const index = await this.statusIndex();
    await this.locks.run(job.jobId, async () => {
      if ((await this.read(job.jobId)) !== undefined) throw new JobAlreadyExistsError(job.jobId);
      await this.write(job);
      index.set(job.jobId, job.status);
    });
  }

  /** One file read: no index needed (a profile job reads its record this way at start). */
  get(jobId: string): Promise<Job | undefined> {
    return this.read(jobId);
  }

  async replace(job: Job, expectedVersion: number): Promise<Job> {
    const index = await this.statusIndex();
    return this.locks.run(job.jobId, async () => {
      const stored = await this.read(job.jobId);
      if (!stored) throw new JobNotFoundError(job.jobId);
      if (stored.version !== expectedVersion) throw new StaleJobVersionError(job.jobId, expectedVersion);
      const next: Job = { ...job, version: expectedVersion + 1 };
      await this.write(next);
      index.set(next.jobId, next.status);
      return next;
    });
  }

  async listByStatus(statuses: readonly JobStatus[]): Promise<Job[]> {
    const index = await this.statusIndex();
    const wanted = new Set(statuses);
    const ids = [...index].filter(([, status]) => wanted.has(status)).map(([id]) => id);
    const jobs = await mapInBatches(ids, READ_BATCH, (id) => this.read(id));
    // Re-check the status read from disk: the index is a hint, the file is the truth.
    return jobs
      .filter((job): job is Job => job !== undefined && wanted.has(job.status))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  private fileOf(jobId: string): string {
    // Encoding keeps any id (even one with '/' or '..') a single file name inside jobsDir.
    return join(this.jobsDir, `${encodeURIComponent(jobId)}${RECORD_SUFFIX}`);
  }

  private async read(jobId: string): Promise<Job | undefined> {
    const file = this.fileOf(jobId);
    const raw = await readJsonIfExists(file);
    return raw === undefined ? undefined : parseJobRecord(raw, file);
  }

  private write(job: Job): Promise<void> {
    return writeJsonAtomic(this.fileOf(job.jobId), job);
  }

  private statusIndex(): Promise<Map<string, JobStatus>> {
    // A failed build is forgotten, so the next call tries again instead of failing forever.
    this.index ??= this.buildIndex().catch((error: unknown) => {
      this.index = undefined;
      throw error;
    });
    return this.index;
  }

  private async buildIndex(): Promise<Map<string, JobStatus>> {
    await ensureDir(this.jobsDir);
    const names = (await readdir(this.jobsDir)).filter((name) => name.endsWith(RECORD_SUFFIX));
    const index = new Map<string, JobStatus>();
    await mapInBatches(names, READ_BATCH, async (name) => {
      const jobId = decodeURIComponent(name.slice(0, -RECORD_SUFFIX.length));
      try {
        const job = await this.read(jobId);
        if (job) index.set(job.jobId, job.status);
      } catch (error) {
        this.logger?.warn({ err: error, file: name }, 'skipping an unreadable job record');
      }
    });
    return index;
  }
}
