import { z } from 'zod';
import { DATASET_ID_PATTERN, datasetIdProblem } from '../datasetIds.js';
import { DatePublishedSchema } from './datePublished.js';
import { AnyUuidSchema } from './uuid.js';

/**
 * Unknown fields are ignored (stripped), as Pydantic's default is and the reference's clients rely on;
 * the edge logs their names at debug level.
 */

/**
 * Input limits (documented in the README; a longer value is a 422 `string_too_long` / `too_long`).
 * The body itself is at most 1 MiB (413), so these bound what one field can take of it.
 */
export const REQUEST_LIMITS = {
  /** name, headline, country, license, uploaded_by, published_url, doi, connector fields */
  text: 2048,
  cite_as: 10_000,
  description: 500_000,
  /** fields_of_science, languages, keywords: items per list and characters per item */
  listItems: 1000,
  listItem: 256,
  data_connectors: 100,
} as const;

const text = (max: number = REQUEST_LIMITS.text) => z.string().max(max);
const textList = () => z.array(text(REQUEST_LIMITS.listItem)).max(REQUEST_LIMITS.listItems);

/** A dataset folder under the data root, by the rules of datasetIds.ts; symlinks are checked later, by the Datasets port. */
export const DatasetIdSchema = z
  .string()
  .min(1)
  .max(1024)
  .superRefine((id, context) => {
    const problem = datasetIdProblem(id);
    if (problem) context.addIssue({ code: 'custom', message: problem, input: id });
  })
  // The check above, as one pattern for the document: a refinement would not show in it.
  .meta({ pattern: DATASET_ID_PATTERN, description: "A folder below the data root: folder names joined by '/', no '.' or '..' name, no '%', '\\', ':', control or look-alike characters" });

export const RawDataPathSchema = z.object({
  type: z.literal('RawDataPath'),
  dataset_id: DatasetIdSchema,
});

export const DatabaseConnectionSchema = z.object({
  type: z.literal('DatabaseConnection'),
  protocol: text(),
  engine: z.enum(['PostgreSQL', 'TimescaleDB']),
  host: text(),
  port: z.int().min(1).max(65535),
  database_name: text(),
});

export const DataConnectorSchema = z.discriminatedUnion('type', [RawDataPathSchema, DatabaseConnectionSchema]);

export const ProfileSpecificationSchema = z.object({
  id: AnyUuidSchema,
  name: text(),
  description: text(REQUEST_LIMITS.description),
  headline: text(),
  fields_of_science: textList(),
  languages: textList(),
  keywords: textList(),
  country: text(),
  published_url: text().default(''),
  doi: text().default(''),
  date_published: DatePublishedSchema,
  cite_as: text(REQUEST_LIMITS.cite_as).default(''),
  license: text(),
  uploaded_by: text(),
  data_connectors: z.array(DataConnectorSchema).min(1).max(REQUEST_LIMITS.data_connectors),
  /** Legacy field of the reference: accepted and ignored. */
  database_name: text().optional(),
});

export const ProfilingRequestSchema = z.object({
  profile_specification: ProfileSpecificationSchema,
  only_light_profile: z.boolean().default(false),
});

/**
 * The request as a deployment whose DB_ALLOWED_HOSTS lists no host takes it: folders only. Its
 * OpenAPI document shows this one, so the document describes what that server accepts.
 */
export const FolderProfilingRequestSchema = ProfilingRequestSchema.extend({
  profile_specification: ProfileSpecificationSchema.extend({
    data_connectors: z.array(RawDataPathSchema).min(1).max(REQUEST_LIMITS.data_connectors),
  }),
});

export type ProfileSpecification = z.infer<typeof ProfileSpecificationSchema>;
export type ProfilingRequest = z.infer<typeof ProfilingRequestSchema>;
export type DataConnector = z.infer<typeof DataConnectorSchema>;
export type RawDataPath = z.infer<typeof RawDataPathSchema>;
export type DatabaseConnection = z.infer<typeof DatabaseConnectionSchema>;

/** The first RawDataPath names the folder to profile; later ones are ignored (as the reference does). */
export const firstRawDataPath = (spec: ProfileSpecification): RawDataPath | undefined =>
  spec.data_connectors.find((c): c is RawDataPath => c.type === 'RawDataPath');
