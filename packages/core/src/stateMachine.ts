import { JOB_EVENT, type JobEvent } from './events.js';
import { JOB_STATUS, PROGRESS_PHASE, type Job, type JobStatus, type Progress, type ProgressPhase } from './job.js';

/** Order of the forward path; FAILED and CLEANED_UP sit outside it. */
const FORWARD_RANK: Partial<Record<JobStatus, number>> = {
  [JOB_STATUS.SUBMITTING]: 0,
  [JOB_STATUS.STARTING]: 1,
  [JOB_STATUS.LIGHT_PROFILE_READY]: 2,
  [JOB_STATUS.HEAVY_PROFILES_READY]: 3,
};

const PHASE_RANK: Record<ProgressPhase, number> = {
  [PROGRESS_PHASE.QUEUED]: 0,
  [PROGRESS_PHASE.LISTING]: 1,
  [PROGRESS_PHASE.LIGHT]: 2,
  [PROGRESS_PHASE.HEAVY]: 3,
  [PROGRESS_PHASE.DONE]: 4,
};

/** Events may be applied out of order: progress only ever moves forward. */
const isBehind = (next: Progress, current: Progress): boolean => {
  const phase = PHASE_RANK[next.phase] - PHASE_RANK[current.phase];
  if (phase !== 0) return phase < 0;
  return next.files_done < current.files_done || next.bytes_done < current.bytes_done;
};

/** The progress a job ends a phase with: the event's final figures when it carries them. */
const finalProgress = (job: Job, reported: Progress | undefined, done: boolean): Progress => {
  const latest = reported && !isBehind(reported, job.progress) ? reported : job.progress;
  return done ? { ...latest, phase: PROGRESS_PHASE.DONE } : latest;
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
    case JOB_EVENT.LIGHT_PROFILE_READY:
      return advance(job, JOB_STATUS.LIGHT_PROFILE_READY, now, {
        profiles: { ...job.profiles, light: event.lightKey },
        progress: finalProgress(job, event.progress, job.onlyLightProfile),
      });
    case JOB_EVENT.HEAVY_PROFILES_READY:
      return advance(job, JOB_STATUS.HEAVY_PROFILES_READY, now, {
        profiles: { ...job.profiles, heavy: event.heavyKey, cdd: event.cddKey },
        progress: finalProgress(job, event.progress, true),
      });
    case JOB_EVENT.PROGRESS:
      if (isFinal(job)) return ignored(`job is already ${job.status}`);
      if (isBehind(event.progress, job.progress)) return ignored('progress is older than the stored one');
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
