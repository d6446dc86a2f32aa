import { retryAfterSeconds } from '../circuit.js';
import { RunnerUnavailableError } from '../errors.js';
import { JOB_EVENT, type JobEvent } from '../events.js';
import { JOB_STATUS, type Job } from '../job.js';
import type { RayJobSpec } from '../ports/RayJobs.js';
import { JobEventSchema, ProfileRequestedSchema } from '../schemas/messages.js';
import type { Services } from '../services.js';
import { summarizeIssues } from '../validation.js';
import { applyJobEvent } from './applyJobEvent.js';

/** What to do with a queue message after handling it. */
export type MessageOutcome = { kind: 'ack' } | { kind: 'retry'; delaySeconds: number; reason: string };

const ACK: MessageOutcome = { kind: 'ack' };

/** Until the circuit's next probe: retrying sooner only spends the message's deliveries. */
const circuitRetryDelay = async (s: Pick<Services, 'circuit' | 'clock'>): Promise<number> =>
  retryAfterSeconds(await s.circuit.read(), s.clock.now());

/** Builds the runner submission for a job (entrypoint command, environment). */
export type JobSpecFactory = (job: Job) => RayJobSpec;

/**
 * Handles one ProfileRequested message: submits the job to the runner once (the job id is the
 * submission id, and an existing submission is never submitted again) and records STARTING.
 */
export const dispatchProfileRequest = async (
  s: Pick<Services, 'jobs' | 'ray' | 'circuit' | 'clock' | 'logger'>,
  body: unknown,
  specFor: JobSpecFactory,
): Promise<MessageOutcome> => {
  const parsed = ProfileRequestedSchema.safeParse(body);
  if (!parsed.success) {
    s.logger.error({ issues: summarizeIssues(parsed.error.issues) }, 'dropping a malformed ProfileRequested message');
    return ACK;
  }
  const job = await s.jobs.get(parsed.data.jobId);
  if (!job || job.status !== JOB_STATUS.SUBMITTING) return ACK;
  if (!(await s.circuit.mayCall())) return { kind: 'retry', delaySeconds: await circuitRetryDelay(s), reason: 'circuit open' };
  try {
    if (!(await s.ray.get(job.jobId))) await s.ray.submit(specFor(job));
    await s.circuit.recordSuccess();
  } catch (error) {
    if (!(error instanceof RunnerUnavailableError)) throw error;
    await s.circuit.recordFailure(error.message);
    return { kind: 'retry', delaySeconds: await circuitRetryDelay(s), reason: error.message };
  }
  await applyJobEvent(s, { type: JOB_EVENT.STARTED, jobId: job.jobId });
  return ACK;
};

/** Handles one event sent by a running profile job. */
export const dispatchJobEvent = async (
  s: Pick<Services, 'jobs' | 'clock' | 'logger'>,
  body: unknown,
): Promise<MessageOutcome> => {
  const parsed = JobEventSchema.safeParse(body);
  if (!parsed.success) {
    s.logger.error({ issues: summarizeIssues(parsed.error.issues) }, 'dropping a malformed job event');
    return ACK;
  }
  const outcome = await applyJobEvent(s, parsed.data as JobEvent);
  if (outcome.kind === 'ignored') s.logger.debug({ job_id: parsed.data.jobId, event: parsed.data.type, reason: outcome.reason }, 'event ignored');
  return ACK;
};

/** A request that kept failing reached the dead-letter queue: its job fails with the reason. */
export const failDeadLetteredRequest = async (s: Pick<Services, 'jobs' | 'clock' | 'logger'>, body: unknown): Promise<MessageOutcome> => {
  const parsed = ProfileRequestedSchema.safeParse(body);
  if (!parsed.success) return ACK;
  await applyJobEvent(s, {
    type: JOB_EVENT.FAILED,
    jobId: parsed.data.jobId,
    message: 'The job could not be submitted to the runner: its request failed every delivery and was dead-lettered',
    additionalDetails: { step: 'submit' },
  });
  return ACK;
};
