import { z } from 'zod';
import { DatasetUuidSchema, JobIdParamSchema } from '@dataset-profiler/core';

/** Schemas only the HTTP edge has: path parameters and the monitoring answers. */

export const JobIdPathSchema = z.object({ job_id: JobIdParamSchema.meta({ description: 'The job id returned by trigger_profile', example: '3f6c1f7e-2f1a-4b8e-9a53-0d6f0f2f9b11' }) });
export const DatasetIdPathSchema = z.object({ dataset_id: DatasetUuidSchema.meta({ description: 'The dataset id: `profile_specification.id` of its requests' }) });

export const LivenessResponseSchema = z.object({ service: z.literal('dataset-profiler'), status: z.literal('ok') });
export const ReadinessResponseSchema = z.object({ status: z.literal('ready') });

export const HealthResponseSchema = z.object({
  status: z.enum(['healthy', 'degraded']),
  checks: z.record(z.string(), z.object({ status: z.enum(['up', 'down']), detail: z.string().optional() })),
});

export const OpenApiDocumentSchema = z.record(z.string(), z.unknown()).meta({ description: 'An OpenAPI 3.1 document' });
export const HtmlSchema = z.string().meta({ description: 'An HTML page' });
