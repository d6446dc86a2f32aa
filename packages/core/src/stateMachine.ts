import { JOB_EVENT, type JobEvent } from './events.js';
import { JOB_STATUS, PROGRESS_PHASE, type Job, type JobStatus } from './job.js';

/** Order of the forward path; FAILED and CLEANED_UP sit outside it. */
const FORWARD_RANK: Partial<Record<JobStatus, number>> = {
  [JOB_STATUS.SUBMITTING]: 0,
  [JOB_STATUS.STARTING]: 1,
  [JOB_STATUS.LIGHT_PROFILE_READY]: 2,
  [JOB_STATUS.HEAVY_PROFILES_READY]: 3,
};

export const isFinal = (job: Pick<Job, 'status' | 'onlyLightProfile'>): boolean =>
  job.status === JOB_STATUS.HEAVY_PROFILES_READY ||
  job.status === JOB_STATUS.FAILED ||
  job.status === JOB_STATUS.CLEANED_UP ||
  (job.status === JOB_STATUS.LIGHT_PROFILE_READY && job.onlyLightProfile);

export type Transition =
  | { kind: 'changed'; job: Job }
  | { kind: 'ignored'; reason: string };

const ignored = (reason: string): Transition => ({ kind: 'ignored', reason });

const advance = (job: Job, to: JobStatus, now: string, patch: Partial<Job> = {}): Transition => {
  const from = FORWARD_RANK[job.status];
  const target = FORWARD_RANK[to];
  if (isFinal(job)) return ignored(`job is already ${job.status}`);
  if (from === undefined || target === undefined || target <= from) {
    return ignored(`${to} does not move ${job.status} forward`);
  }
  if (to === JOB_STATUS.HEAVY_PROFILES_READY && job.onlyLightProfile) {
    return ignored('a light-only job has no heavy profile');
  }
  return { kind: 'changed', job: { ...job, ...patch, status: to, updatedAt: now } };
};

/**
 * The one job state machine, used by every writer. Pure: returns the next record, or why the event
 * changes nothing (stale, duplicate or out-of-order events are no-ops, never moves backwards).
 */
export const transition = (job: Job, event: JobEvent, now: string): Transition => {
  switch (event.type) {
    case JOB_EVENT.STARTED:
      return advance(job, JOB_STATUS.STARTING, now);
    case JOB_EVENT.LIGHT_PROFILE_READY: {
      const done = job.onlyLightProfile ? { ...job.progress, phase: PROGRESS_PHASE.DONE } : job.progress;
      return advance(job, JOB_STATUS.LIGHT_PROFILE_READY, now, {
        profiles: { ...job.profiles, light: event.lightKey },
        progress: done,
      });
    }
    case JOB_EVENT.HEAVY_PROFILES_READY:
      return advance(job, JOB_STATUS.HEAVY_PROFILES_READY, now, {
        profiles: { ...job.profiles, heavy: event.heavyKey, cdd: event.cddKey },
        progress: { ...job.progress, phase: PROGRESS_PHASE.DONE },
      });
    case JOB_EVENT.PROGRESS:
      if (isFinal(job)) return ignored(`job is already ${job.status}`);
      return { kind: 'changed', job: { ...job, progress: event.progress, updatedAt: now } };
    case JOB_EVENT.FAILED: {
      if (isFinal(job)) return ignored(`job is already ${job.status}`);
      const failed: Job = { ...job, status: JOB_STATUS.FAILED, message: event.message, updatedAt: now };
      if (event.additionalDetails) failed.additionalDetails = event.additionalDetails;
      return { kind: 'changed', job: failed };
    }
    case JOB_EVENT.CLEANED_UP:
      if (job.status === JOB_STATUS.CLEANED_UP) return ignored('job is already CLEANED_UP');
      if (!isFinal(job)) return ignored(`job is still ${job.status}`);
      return { kind: 'changed', job: { ...job, status: JOB_STATUS.CLEANED_UP, profiles: {}, updatedAt: now } };
  }
};
