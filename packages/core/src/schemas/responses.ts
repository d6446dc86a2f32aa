import { z } from 'zod';
import { JOB_STATUS, PROGRESS_PHASE } from '../job.js';
import { AnyUuidSchema } from './uuid.js';

/** Job ids we create are v4; any UUID is looked up (in its canonical form), as the reference takes any. */
export const JobIdParamSchema = AnyUuidSchema;
/** A dataset's id is the `profile_specification.id` (a UUID); its CDD profile is stored under it. */
export const DatasetUuidSchema = AnyUuidSchema;

export const TriggerResponseSchema = z.object({
  job_id: z.uuid(),
  status: z.literal('Job submitted'),
});

export const ProgressSchema = z.object({
  phase: z.enum(PROGRESS_PHASE),
  files_done: z.int(),
  files_total: z.int(),
  bytes_done: z.int(),
  bytes_total: z.int(),
});

export const JobStatusResponseSchema = z.object({
  job_id: z.uuid(),
  dataset_id: z.string().nullable(),
  status: z.enum(JOB_STATUS),
  only_light_profile: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
  progress: ProgressSchema,
  message: z.string().optional(),
  additional_details: z.record(z.string(), z.unknown()).optional(),
});

export const RunnerStatusResponseSchema = z.enum(['pending', 'in_progress', 'completed', 'failed', 'unknown']);

export const ProfileResponseSchema = z.object({
  moma_profile_light: z.record(z.string(), z.unknown()),
  moma_profile_heavy: z.record(z.string(), z.unknown()),
  cdd_profile: z.union([z.object({ path: z.string() }), z.object({})]),
});

export const CddProfilePathResponseSchema = z.object({ cdd_profile_path: z.string().nullable() });

/**
 * The reference's body is `{"profile_job_id"}`; `job_id` is accepted as an alias. Exactly one of
 * them is required (checked by `cleanUpJobId`; the document says so with `oneOf`).
 */
export const CleanUpRequestSchema = z.object({
  profile_job_id: AnyUuidSchema.optional().meta({ description: "The job to clean up (the reference's field); give it or job_id, not both" }),
  job_id: AnyUuidSchema.optional().meta({ description: 'Alias of profile_job_id' }),
  /** Stop the job's runner job first instead of answering 409 while it runs. */
  force: z.boolean().optional().meta({ description: 'Stop a running job first instead of answering 409' }),
}).meta({ oneOf: [{ required: ['profile_job_id'] }, { required: ['job_id'] }] });
export const CleanUpResponseSchema = z.object({ detail: z.literal('SUCCESS'), job_id: z.uuid(), status: z.literal('CLEANED_UP') });

export const ValidationIssueSchema = z.object({
  loc: z.array(z.union([z.string(), z.number()])),
  msg: z.string(),
  type: z.string(),
  input: z.unknown().optional(),
  ctx: z.record(z.string(), z.unknown()).optional(),
});

export const ErrorResponseSchema = z.object({
  detail: z.union([z.string(), z.array(ValidationIssueSchema)]),
  code: z.string(),
  message: z.string(),
  status: z.int(),
  request_id: z.string(),
  error_data: z.unknown().optional(),
});

export type JobStatusResponse = z.infer<typeof JobStatusResponseSchema>;
export type RunnerStatus = z.infer<typeof RunnerStatusResponseSchema>;
export type ProfileResponse = z.infer<typeof ProfileResponseSchema>;
