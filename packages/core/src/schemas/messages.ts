import { z } from 'zod';
import { JOB_EVENT } from '../events.js';
import { ProgressSchema } from './responses.js';

/** Queue bodies are validated where they enter, like HTTP bodies. */
export const ProfileRequestedSchema = z.object({ kind: z.literal('ProfileRequested'), jobId: z.string().min(1) });

const FailureDetailsSchema = z.record(z.string(), z.unknown());

export const JobEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal(JOB_EVENT.STARTED), jobId: z.string() }),
  z.object({ type: z.literal(JOB_EVENT.PROGRESS), jobId: z.string(), progress: ProgressSchema }),
  z.object({ type: z.literal(JOB_EVENT.LIGHT_PROFILE_READY), jobId: z.string(), lightKey: z.string(), progress: ProgressSchema.optional() }),
  z.object({
    type: z.literal(JOB_EVENT.HEAVY_PROFILES_READY),
    jobId: z.string(),
    heavyKey: z.string(),
    cddKey: z.string(),
    progress: ProgressSchema.optional(),
  }),
  z.object({ type: z.literal(JOB_EVENT.FAILED), jobId: z.string(), message: z.string(), additionalDetails: FailureDetailsSchema.optional() }),
  z.object({ type: z.literal(JOB_EVENT.CLEANED_UP), jobId: z.string() }),
]);
