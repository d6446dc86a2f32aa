import { RunnerUnavailableError } from '../errors.js';
import { JOB_EVENT, type JobEvent, type ProfileRequested } from '../events.js';
import { JOB_STATUS, type Job } from '../job.js';
import { profileKeys } from '../profileKeys.js';
import { RAY_JOB_STATUS, type RayJobInfo, type RayJobStatus } from '../ports/RayJobs.js';
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

/** Why a finished runner job left its job unfinished. Runner messages quote job logs: never shown to clients. */
const RUNNER_ENDINGS: Partial<Record<RayJobStatus, string>> = {
  [RAY_JOB_STATUS.FAILED]: 'The profile job failed in the runner',
  [RAY_JOB_STATUS.STOPPED]: 'The profile job was stopped in the runner',
  [RAY_JOB_STATUS.SUCCEEDED]: 'The profile job ended without reporting its profiles',
};

/** The event that settles a job the runner has finished with, or undefined while all is well. */
const settle = (job: Job, info: RayJobInfo | undefined, now: Date, options: ReconcileOptions): JobEvent | undefined => {
  const details = { step: job.progress.phase, runner_status: info?.status ?? 'unknown' };
  if (!info) {
    if (age(job, now) < options.graceMs) return undefined;
    return { type: JOB_EVENT.FAILED, jobId: job.jobId, message: 'The runner has no record of this job', additionalDetails: details };
  }
  const ending = RUNNER_ENDINGS[info.status];
  // The job's own events (sent before it exits) get a grace period to arrive first.
  if (!ending || now.getTime() - (info.endTime ?? now.getTime()) < options.graceMs) return undefined;
  const exit = typeof info.exitCode === 'number' ? ` (exit code ${info.exitCode})` : '';
  // A success's own words ("Job finished successfully.") would contradict the failure.
  const headline = info.status === RAY_JOB_STATUS.SUCCEEDED ? '' : runnerHeadline(info.message);
  return {
    type: JOB_EVENT.FAILED,
    jobId: job.jobId,
    message: headline ? `${ending}: ${headline}` : `${ending}${exit}`,
    additionalDetails: {
      ...details,
      reason: info.errorType ?? info.status,
      ...(typeof info.exitCode === 'number' ? { exit_code: info.exitCode } : {}),
    },
  };
};

const HEADLINE_MAX_CHARS = 200;

/**
 * The runner's own words, safe for clients: Ray appends the job's last logs (stack traces, server
 * paths) after its first sentence, so only that sentence stays, with any path left in it masked.
 */
const runnerHeadline = (message: string): string => {
  const first = (message.split(/, last available logs|\n/)[0] ?? '').replace(/(?:\/[\w.@+-]+){2,}\/?/g, '<path>').trim();
  return first.length > HEADLINE_MAX_CHARS ? `${first.slice(0, HEADLINE_MAX_CHARS - 3)}...` : first;
};

/**
 * A job stores each profile before it announces it, so a job that exited with success and whose
 * profiles are stored has only its events still on their way (a busy events queue) or lost: the
 * stored profiles settle it as the events would have, and the events, when they come, are duplicates.
 */
const settledByStoredProfiles = async (s: Services, job: Job): Promise<boolean> => {
  const light = profileKeys.light(job.jobId);
  const heavy = profileKeys.heavy(job.jobId);
  if (!(await s.profiles.exists(light))) return false;
  await applyJobEvent(s, { type: JOB_EVENT.LIGHT_PROFILE_READY, jobId: job.jobId, lightKey: light });
  if (job.onlyLightProfile) return true;
  if (!job.datasetId || !(await s.profiles.exists(heavy))) return false;
  await applyJobEvent(s, { type: JOB_EVENT.HEAVY_PROFILES_READY, jobId: job.jobId, heavyKey: heavy, cddKey: profileKeys.cdd(job.datasetId) });
  return true;
};

/** When the reconciler last re-queued each job's request, so it does so at most once per interval. */
export type RequeueLog = Map<string, number>;

const reconcileJob = async (s: Services, job: Job, options: ReconcileOptions, requeued: RequeueLog): Promise<'failed' | 'requeued' | 'ok'> => {
  const now = s.clock.now();
  const info = await s.ray.get(job.jobId);
  if (job.status === JOB_STATUS.SUBMITTING) {
    if (info) {
      // Submitted, but recording STARTING was lost.
      await applyJobEvent(s, { type: JOB_EVENT.STARTED, jobId: job.jobId });
      return 'ok';
    }
    const quietFor = now.getTime() - Math.max(Date.parse(job.updatedAt), requeued.get(job.jobId) ?? 0);
    if (quietFor < options.resubmitAfterMs) return 'ok';
    const message: ProfileRequested = { kind: 'ProfileRequested', jobId: job.jobId };
    await s.requests.send(message);
    requeued.set(job.jobId, now.getTime());
    return 'requeued';
  }
  if (info?.status === RAY_JOB_STATUS.SUCCEEDED && (await settledByStoredProfiles(s, job))) return 'ok';
  const event = settle(job, info, now, options);
  if (!event) return 'ok';
  return (await applyJobEvent(s, event)).kind === 'changed' ? 'failed' : 'ok';
};

/**
 * Finds jobs whose runner job died or whose submission was lost, so that no job stays unfinished
 * forever; while the circuit is open only the probe touches the runner.
 */
export const reconcile = async (
  s: Services,
  options: ReconcileOptions = defaultReconcileOptions,
  requeued: RequeueLog = new Map(),
): Promise<ReconcileReport> => {
  const report: ReconcileReport = { checked: 0, failed: 0, requeued: 0 };
  if (!(await probeRunner(s))) return report;
  const active = (await s.jobs.listByStatus([JOB_STATUS.SUBMITTING, JOB_STATUS.STARTING, JOB_STATUS.LIGHT_PROFILE_READY])).filter(
    (candidate) => !isFinal(candidate),
  );
  forgetSettled(requeued, active);
  for (const job of active) {
    report.checked++;
    try {
      const result = await reconcileJob(s, job, options, requeued);
      if (result !== 'ok') report[result]++;
    } catch (error) {
      if (!(error instanceof RunnerUnavailableError)) throw error;
      await s.circuit.recordFailure(error.message);
      return report;
    }
  }
  return report;
};

const forgetSettled = (requeued: RequeueLog, active: readonly Job[]): void => {
  const submitting = new Set(active.filter((job) => job.status === JOB_STATUS.SUBMITTING).map((job) => job.jobId));
  for (const jobId of requeued.keys()) if (!submitting.has(jobId)) requeued.delete(jobId);
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
