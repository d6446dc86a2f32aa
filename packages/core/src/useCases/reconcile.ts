import { RunnerUnavailableError } from '../errors.js';
import { JOB_EVENT, type JobEvent, type ProfileRequested } from '../events.js';
import { JOB_STATUS, type Job } from '../job.js';
import { RAY_JOB_STATUS, type RayJobInfo } from '../ports/RayJobs.js';
import type { Services } from '../services.js';
import { isFinal } from '../stateMachine.js';
import { applyJobEvent } from './applyJobEvent.js';

export interface ReconcileOptions {
  /** A SUBMITTING job untouched this long has probably lost its queue message. */
  resubmitAfterMs: number;
  /** How long a job may stay unknown to the runner, or finished without its final event, before it fails. */
  graceMs: number;
}

export const defaultReconcileOptions: ReconcileOptions = { resubmitAfterMs: 60_000, graceMs: 30_000 };

export interface ReconcileReport {
  checked: number;
  failed: number;
  requeued: number;
}

const age = (job: Job, now: Date): number => now.getTime() - Date.parse(job.updatedAt);

/** The event that settles a job the runner has finished with, or undefined while all is well. */
const settle = (job: Job, info: RayJobInfo | undefined, now: Date, options: ReconcileOptions): JobEvent | undefined => {
  const details = { step: job.progress.phase, runner_status: info?.status ?? 'unknown' };
  if (!info) {
    if (age(job, now) < options.graceMs) return undefined;
    return { type: JOB_EVENT.FAILED, jobId: job.jobId, message: 'The runner has no record of this job', additionalDetails: details };
  }
  if (info.status === RAY_JOB_STATUS.FAILED || info.status === RAY_JOB_STATUS.STOPPED) {
    return { type: JOB_EVENT.FAILED, jobId: job.jobId, message: info.message || `The runner reports ${info.status}`, additionalDetails: details };
  }
  const finishedAt = info.endTime ?? now.getTime();
  if (info.status === RAY_JOB_STATUS.SUCCEEDED && now.getTime() - finishedAt >= options.graceMs) {
    return { type: JOB_EVENT.FAILED, jobId: job.jobId, message: 'The job ended without reporting its profiles', additionalDetails: details };
  }
  return undefined;
};

const reconcileJob = async (s: Services, job: Job, options: ReconcileOptions): Promise<'failed' | 'requeued' | 'ok'> => {
  const now = s.clock.now();
  const info = await s.ray.get(job.jobId);
  if (job.status === JOB_STATUS.SUBMITTING) {
    if (info) {
      // Submitted, but recording STARTING was lost.
      await applyJobEvent(s, { type: JOB_EVENT.STARTED, jobId: job.jobId });
      return 'ok';
    }
    if (age(job, now) < options.resubmitAfterMs) return 'ok';
    const message: ProfileRequested = { kind: 'ProfileRequested', jobId: job.jobId };
    await s.requests.send(message);
    return 'requeued';
  }
  const event = settle(job, info, now, options);
  if (!event) return 'ok';
  return (await applyJobEvent(s, event)).kind === 'changed' ? 'failed' : 'ok';
};

/**
 * Finds jobs whose runner job died or whose submission was lost, so that no job stays unfinished
 * forever; while the circuit is open only the probe touches the runner.
 */
export const reconcile = async (s: Services, options: ReconcileOptions = defaultReconcileOptions): Promise<ReconcileReport> => {
  const report: ReconcileReport = { checked: 0, failed: 0, requeued: 0 };
  if (!(await probeRunner(s))) return report;
  const active = await s.jobs.listByStatus([JOB_STATUS.SUBMITTING, JOB_STATUS.STARTING, JOB_STATUS.LIGHT_PROFILE_READY]);
  for (const job of active.filter((candidate) => !isFinal(candidate))) {
    report.checked++;
    try {
      const result = await reconcileJob(s, job, options);
      if (result !== 'ok') report[result]++;
    } catch (error) {
      if (!(error instanceof RunnerUnavailableError)) throw error;
      await s.circuit.recordFailure(error.message);
      return report;
    }
  }
  return report;
};

/** True when the runner may be called; a half-open probe closes or re-opens the circuit. */
const probeRunner = async (s: Services): Promise<boolean> => {
  const before = await s.circuit.read();
  if (!(await s.circuit.mayCall())) return false;
  if (before.state === 'closed') return true;
  try {
    await s.ray.ping();
    await s.circuit.recordSuccess();
    s.logger.info({ circuit: 'closed' }, 'runner reachable again; circuit closed');
    return true;
  } catch (error) {
    await s.circuit.recordFailure(error instanceof Error ? error.message : String(error));
    return false;
  }
};
