import { z } from 'zod';
import { CIRCUIT_STATE } from '../circuit.js';
import { JOB_STATUS } from '../job.js';
import { ProgressSchema } from './responses.js';

/**
 * A job and the circuit record as every store keeps them. Adapters re-check each read against these,
 * so a corrupt or foreign record never passes as a Job or a CircuitRecord.
 */
export const StoredJobSchema = z.object({
  jobId: z.string().min(1),
  datasetId: z.string().nullable(),
  status: z.enum(Object.values(JOB_STATUS)),
  onlyLightProfile: z.boolean(),
  request: z.unknown(),
  createdAt: z.string(),
  updatedAt: z.string(),
  progress: ProgressSchema,
  message: z.string().optional(),
  additionalDetails: z.record(z.string(), z.unknown()).optional(),
  profiles: z.object({ light: z.string().optional(), heavy: z.string().optional(), cdd: z.string().optional() }),
  version: z.int().nonnegative(),
});

export const StoredCircuitSchema = z.object({
  state: z.enum(Object.values(CIRCUIT_STATE)),
  failures: z.int().nonnegative(),
  retryAt: z.string().optional(),
  lastError: z.string().optional(),
  updatedAt: z.string(),
  version: z.int().nonnegative(),
});
