import type { ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import {
  isTerminalRayStatus,
  RAY_JOB_STATUS,
  RunnerUnavailableError,
  type Logger,
  type RayJobInfo,
  type RayJobs,
  type RayJobSpec,
} from '@dataset-profiler/core';
import { JobStateFiles } from './local/JobStateFiles.js';
import { failedExitMessage, newLocalJobRecord, RAY_MESSAGES, toRayJobInfo, type LocalJobRecord } from './local/localJobRecord.js';
import { exitCodeOf, killOrphanGroup, processStartTicks, signalGroup } from './local/processGroup.js';
import { spawnEntrypoint } from './local/spawnEntrypoint.js';

export interface LocalRayJobsOptions {
  /** Where job records and logs live; the same directory after a restart recovers the jobs. */
  stateDir: string;
  /** Jobs running at once; the rest wait PENDING in submission order (default os.availableParallelism()). */
  concurrency?: number;
  /** Between SIGTERM and SIGKILL when a job is stopped (default 3000). */
  stopGraceMs?: number;
  /** The shell that runs entrypoints (default /bin/sh). */
  shell?: string;
  logger?: Pick<Logger, 'info' | 'warn'>;
}

const defaults = { stopGraceMs: 3000, shell: '/bin/sh' };
/** A job interrupted by a runner restart this many times is failed instead of started again. */
const MAX_ATTEMPTS = 2;

interface RunningJob {
  child: ChildProcess;
  pgid: number;
  stopRequested: boolean;
  killTimer?: NodeJS.Timeout;
  exited: Promise<void>;
}

/**
 * The embedded runner behind the RayJobs port: each entrypoint is a child process in its own process
 * group, with Ray's statuses and messages. State is kept under `stateDir` so that after the runner is
 * killed (even with SIGKILL) a new instance starts the PENDING jobs, kills what survives of the jobs
 * that were RUNNING and runs them again once, then fails them: nothing is lost, nothing stays RUNNING.
 *
 * One runner per state directory (the local stack); two at once would kill each other's jobs.
 */
export class LocalRayJobs implements RayJobs {
  private readonly files: JobStateFiles;
  private readonly concurrency: number;
  private readonly stopGraceMs: number;
  private readonly shell: string;
  private readonly logger: Pick<Logger, 'info' | 'warn'> | undefined;
  private readonly records = new Map<string, LocalJobRecord>();
  private readonly pending: string[] = [];
  private readonly running = new Map<string, RunningJob>();
  private readonly ready: Promise<void>;
  private nextSequence = 0;
  private closed = false;

  constructor(options: LocalRayJobsOptions) {
    this.files = new JobStateFiles(options.stateDir, options.logger);
    this.concurrency = Math.max(1, options.concurrency ?? availableParallelism());
    this.stopGraceMs = options.stopGraceMs ?? defaults.stopGraceMs;
    this.shell = options.shell ?? defaults.shell;
    this.logger = options.logger;
    this.ready = this.recover();
    // Failures surface on the first call that awaits `ready`; this only avoids an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  async submit(spec: RayJobSpec): Promise<void> {
    await this.whenOpen();
    if (this.records.has(spec.submissionId)) return;
    const record = newLocalJobRecord(spec, this.nextSequence++);
    this.records.set(record.submissionId, record);
    try {
      await this.files.save(record);
    } catch (error) {
      this.records.delete(record.submissionId);
      throw new RunnerUnavailableError(`The local runner could not record job ${spec.submissionId}`, { cause: error });
    }
    // A stop() while the record was being written has already settled it.
    if (record.status === RAY_JOB_STATUS.PENDING) this.pending.push(record.submissionId);
    this.startWhatFits();
  }

  async get(submissionId: string): Promise<RayJobInfo | undefined> {
    await this.whenLoaded();
    // Report only what is on disk, so what callers saw (a RUNNING job and its pid) survives a kill -9.
    await this.files.settled(submissionId);
    const record = this.records.get(submissionId);
    return record && toRayJobInfo(record);
  }

  async stop(submissionId: string): Promise<boolean> {
    await this.whenOpen();
    const record = this.records.get(submissionId);
    if (!record || isTerminalRayStatus(record.status)) return false;
    const run = this.running.get(submissionId);
    if (run) {
      if (!run.stopRequested) this.terminate(run);
      run.stopRequested = true;
      return true;
    }
    const queued = this.pending.indexOf(submissionId);
    if (queued >= 0) this.pending.splice(queued, 1);
    this.settle(record, RAY_JOB_STATUS.STOPPED, RAY_MESSAGES.stopped, null);
    await this.files.save(record);
    return true;
  }

  async logs(submissionId: string): Promise<string> {
    await this.whenLoaded();
    return this.files.readLogs(submissionId);
  }

  async ping(): Promise<void> {
    await this.whenOpen();
  }

  /**
   * Stops taking work and ends every running job (SIGTERM, SIGKILL after the grace period). Their
   * records stay RUNNING on disk on purpose: the next runner on this directory re-runs them.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.ready.catch(() => undefined);
    const runs = [...this.running.values()];
    for (const run of runs) if (!run.stopRequested) this.terminate(run);
    await Promise.all(runs.map((run) => run.exited));
    await this.files.flush();
  }

  /** SIGTERM to the job's whole group now, SIGKILL if it is still there after the grace period. */
  private terminate(run: RunningJob): void {
    signalGroup(run.pgid, 'SIGTERM');
    run.killTimer = setTimeout(() => signalGroup(run.pgid, 'SIGKILL'), this.stopGraceMs);
  }

  /** Reads work after close too; only a state directory that could not be loaded makes them fail. */
  private async whenLoaded(): Promise<void> {
    try {
      await this.ready;
    } catch (error) {
      throw new RunnerUnavailableError('The local runner could not read its state directory', { cause: error });
    }
  }

  private async whenOpen(): Promise<void> {
    await this.whenLoaded();
    if (this.closed) throw new RunnerUnavailableError('The local runner is shut down');
  }

  private startWhatFits(): void {
    while (!this.closed && this.running.size < this.concurrency) {
      const submissionId = this.pending.shift();
      if (submissionId === undefined) return;
      const record = this.records.get(submissionId);
      if (record?.status === RAY_JOB_STATUS.PENDING) this.start(record);
    }
  }

  private start(record: LocalJobRecord): void {
    record.attempt += 1;
    let child: ChildProcess;
    try {
      child = this.spawn(record);
    } catch (error) {
      this.settle(record, RAY_JOB_STATUS.FAILED, `Job entrypoint command failed to start: ${String(error)}`, null);
      void this.saveQuietly(record);
      return;
    }
    const exited = new Promise<void>((resolve) => {
      const finish = (code: number | null, signal: NodeJS.Signals | null, error?: Error) =>
        void this.onExit(record, code, signal, error)
          .catch((failure: unknown) => this.logger?.warn({ err: failure, submissionId: record.submissionId }, 'could not finish a job'))
          .finally(resolve);
      child.once('error', (error) => finish(null, null, error));
      child.once('exit', (code, signal) => finish(code, signal));
    });
    Object.assign(record, { status: RAY_JOB_STATUS.RUNNING, message: RAY_MESSAGES.running, startTime: Date.now(), exitCode: null });
    delete record.endTime;
    record.pid = child.pid;
    record.processStartTicks = child.pid === undefined ? undefined : processStartTicks(child.pid);
    if (child.pid !== undefined) this.running.set(record.submissionId, { child, pgid: child.pid, stopRequested: false, exited });
    void this.saveQuietly(record);
  }

  private spawn(record: LocalJobRecord): ChildProcess {
    return spawnEntrypoint({
      shell: this.shell,
      entrypoint: record.entrypoint,
      env: record.env,
      logPath: this.files.logPath(record.submissionId),
      ...(record.attempt > 1 ? { banner: `\n[local runner] started again after an interruption (attempt ${record.attempt})\n` } : {}),
    });
  }

  /** For writes nobody awaits: a failure is logged; the in-memory record stays authoritative. */
  private async saveQuietly(record: LocalJobRecord): Promise<void> {
    await this.files.save(record).catch((error: unknown) => this.logger?.warn({ err: error, submissionId: record.submissionId }, 'could not record a job change'));
  }

  private async onExit(record: LocalJobRecord, code: number | null, signal: NodeJS.Signals | null, startError?: Error): Promise<void> {
    if (record.status !== RAY_JOB_STATUS.RUNNING) return; // 'error' and 'exit' may both fire
    const run = this.running.get(record.submissionId);
    this.running.delete(record.submissionId);
    if (run) {
      clearTimeout(run.killTimer);
      // Whatever the entrypoint left behind in its group ends with it.
      signalGroup(run.pgid, 'SIGKILL');
    }
    // Shutting down: leave the record RUNNING so the next runner re-runs the job.
    if (this.closed) return;
    const exitCode = exitCodeOf(code, signal);
    if (run?.stopRequested) this.settle(record, RAY_JOB_STATUS.STOPPED, RAY_MESSAGES.stopped, exitCode);
    else if (startError) this.settle(record, RAY_JOB_STATUS.FAILED, `Job entrypoint command failed to start: ${startError.message}`, null);
    else if (exitCode === 0) this.settle(record, RAY_JOB_STATUS.SUCCEEDED, RAY_MESSAGES.succeeded, 0);
    else this.settle(record, RAY_JOB_STATUS.FAILED, failedExitMessage(exitCode, await this.files.readLogs(record.submissionId)), exitCode);
    this.startWhatFits();
    await this.saveQuietly(record);
  }

  private settle(record: LocalJobRecord, status: LocalJobRecord['status'], message: string, exitCode: number | null): void {
    Object.assign(record, { status, message, exitCode, endTime: Date.now() });
  }

  /** Start-up: load every record, deal with the jobs a previous runner left RUNNING, start PENDING ones. */
  private async recover(): Promise<void> {
    await this.files.init();
    for (const record of await this.files.loadAll()) {
      this.records.set(record.submissionId, record);
      this.nextSequence = Math.max(this.nextSequence, record.sequence + 1);
      if (record.status === RAY_JOB_STATUS.RUNNING) await this.recoverInterrupted(record);
      if (record.status === RAY_JOB_STATUS.PENDING) this.pending.push(record.submissionId);
    }
    this.startWhatFits();
  }

  private async recoverInterrupted(record: LocalJobRecord): Promise<void> {
    if (record.pid !== undefined && killOrphanGroup(record.pid, record.processStartTicks)) {
      this.logger?.info({ submissionId: record.submissionId, pgid: record.pid }, 'killed the process group a previous runner left behind');
    }
    delete record.pid;
    delete record.processStartTicks;
    if (record.attempt >= MAX_ATTEMPTS) {
      this.settle(record, RAY_JOB_STATUS.FAILED, RAY_MESSAGES.interrupted, null);
    } else {
      Object.assign(record, { status: RAY_JOB_STATUS.PENDING, message: RAY_MESSAGES.pending });
    }
    await this.files.save(record);
  }
}
