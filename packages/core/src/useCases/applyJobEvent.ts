import { StaleJobVersionError } from '../errors.js';
import type { JobEvent } from '../events.js';
import type { Job } from '../job.js';
import type { Services } from '../services.js';
import { transition } from '../stateMachine.js';

export type ApplyOutcome = { kind: 'changed'; job: Job } | { kind: 'ignored'; reason: string };

const MAX_ATTEMPTS = 8;

/**
 * Applies one event to a job with a conditional write, retrying when another writer got there first.
 * Stale, duplicate and out-of-order events come back as `ignored`: they never move a job backwards.
 */
export const applyJobEvent = async (
  s: Pick<Services, 'jobs' | 'clock' | 'logger'>,
  event: JobEvent,
  attempt = 1,
): Promise<ApplyOutcome> => {
  const job = await s.jobs.get(event.jobId);
  if (!job) return { kind: 'ignored', reason: 'unknown job' };
  const next = transition(job, event, s.clock.now().toISOString());
  if (next.kind === 'ignored') return next;
  try {
    const stored = await s.jobs.replace(next.job, job.version);
    if (stored.status !== job.status) {
      s.logger.info({ job_id: job.jobId, from: job.status, to: stored.status, event: event.type }, 'job transition');
    }
    return { kind: 'changed', job: stored };
  } catch (error) {
    // Another writer got there first: read again and re-decide.
    if (error instanceof StaleJobVersionError && attempt < MAX_ATTEMPTS) return applyJobEvent(s, event, attempt + 1);
    throw error;
  }
};
