import { z } from 'zod';
import { DatePublishedSchema } from './datePublished.js';
import { AnyUuidSchema } from './uuid.js';

/**
 * Unknown fields are ignored (stripped), as Pydantic's default is and the reference's clients rely on;
 * the edge logs their names at debug level.
 */

/** A dataset folder under the data root: relative, no `..` segment, no NUL; symlinks are checked later. */
export const DatasetIdSchema = z
  .string()
  .min(1)
  .max(1024)
  .refine((id) => !id.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(id) && !id.startsWith('\\'), {
    message: 'dataset_id must be a path relative to the data root',
  })
  .refine((id) => !id.split(/[\\/]/).includes('..'), { message: "dataset_id must not contain '..'" })
  .refine((id) => !id.includes('\0'), { message: 'dataset_id must not contain NUL' });

export const RawDataPathSchema = z.object({
  type: z.literal('RawDataPath'),
  dataset_id: DatasetIdSchema,
});

export const DatabaseConnectionSchema = z.object({
  type: z.literal('DatabaseConnection'),
  protocol: z.string(),
  engine: z.enum(['PostgreSQL', 'TimescaleDB']),
  host: z.string(),
  port: z.int().min(1).max(65535),
  database_name: z.string(),
});

export const DataConnectorSchema = z.discriminatedUnion('type', [RawDataPathSchema, DatabaseConnectionSchema]);

export const ProfileSpecificationSchema = z.object({
  id: AnyUuidSchema,
  name: z.string(),
  description: z.string(),
  headline: z.string(),
  fields_of_science: z.array(z.string()),
  languages: z.array(z.string()),
  keywords: z.array(z.string()),
  country: z.string(),
  published_url: z.string().default(''),
  doi: z.string().default(''),
  date_published: DatePublishedSchema,
  cite_as: z.string().default(''),
  license: z.string(),
  uploaded_by: z.string(),
  data_connectors: z.array(DataConnectorSchema).min(1),
  /** Legacy field of the reference: accepted and ignored. */
  database_name: z.string().optional(),
});

export const ProfilingRequestSchema = z.object({
  profile_specification: ProfileSpecificationSchema,
  only_light_profile: z.boolean().default(false),
});

export type ProfileSpecification = z.infer<typeof ProfileSpecificationSchema>;
export type ProfilingRequest = z.infer<typeof ProfilingRequestSchema>;
export type DataConnector = z.infer<typeof DataConnectorSchema>;
export type RawDataPath = z.infer<typeof RawDataPathSchema>;

/** The first RawDataPath names the folder to profile; later ones are ignored (as the reference does). */
export const firstRawDataPath = (spec: ProfileSpecification): RawDataPath | undefined =>
  spec.data_connectors.find((c): c is RawDataPath => c.type === 'RawDataPath');
