import { z } from 'zod';

/**
 * The parts of a Croissant profile the page shows. The profile comes from user data and from
 * other versions of the profiler, so every leaf is lenient: a value of an unexpected type is
 * dropped (`catch`) rather than failing the page, and unknown keys are kept (`looseObject`).
 */

const text = z.string().catch('');
const optionalText = z.string().optional().catch(undefined);
const optionalNumber = z.number().nullable().optional().catch(undefined);
const texts = z.array(z.string()).catch([]);
const reference = z.looseObject({ '@id': optionalText }).optional().catch(undefined);

const StatisticsSchema = z.looseObject({
  rowCount: optionalNumber,
  valueCount: optionalNumber,
  missingCount: optionalNumber,
  missingPercentage: optionalNumber,
  uniqueCount: optionalNumber,
  mean: optionalNumber,
  median: optionalNumber,
  standardDeviation: optionalNumber,
  percentile05: optionalNumber,
  percentile95: optionalNumber,
  // Dates and times have ISO strings as min and max.
  min: z.union([z.number(), z.string()]).nullable().optional().catch(undefined),
  max: z.union([z.number(), z.string()]).nullable().optional().catch(undefined),
  histogram: z.string().nullable().optional().catch(undefined),
  mostFrequent: z.array(z.object({ value: z.unknown(), count: z.number() })).optional().catch(undefined),
  generatedAt: optionalText,
});

const FieldSchema = z.looseObject({
  name: text,
  dataType: text,
  source: z.looseObject({ fileObject: reference }).optional().catch(undefined),
  statistics: StatisticsSchema.optional().catch(undefined),
});

const RecordSetSchema = z.looseObject({
  name: text,
  source: reference,
  field: z.array(FieldSchema).catch([]),
  examples: z.array(z.record(z.string(), z.unknown())).catch([]),
  keywords: texts,
  error: optionalText,
});

const DistributionSchema = z.looseObject({
  '@type': text,
  '@id': optionalText,
  name: text,
  contentSize: optionalText,
  contentUrl: optionalText,
  encodingFormat: optionalText,
  sha256: optionalText,
  containedIn: reference,
});

const DatasetSchema = z.looseObject({
  '@id': text,
  name: text,
  description: text,
  headline: text,
  license: text,
  url: text,
  doi: text,
  version: text,
  citeAs: text,
  country: text,
  datePublished: text,
  uploadedBy: text,
  status: text,
  keywords: texts,
  fieldOfScience: texts,
  inLanguage: texts,
  distribution: z.array(DistributionSchema).catch([]),
  recordSet: z.array(RecordSetSchema).catch([]),
});

export type ProfileDocument = z.infer<typeof DatasetSchema>;
export type RecordSet = z.infer<typeof RecordSetSchema>;
export type Field = z.infer<typeof FieldSchema>;
export type Statistics = z.infer<typeof StatisticsSchema>;
export type DistributionEntry = z.infer<typeof DistributionSchema>;

/** The document is neither a Croissant dataset nor a job's profiles. */
export class ProfileDocumentError extends Error {
  override name = 'ProfileDocumentError';
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const isNonEmptyObject = (value: unknown): value is Record<string, unknown> => isObject(value) && Object.keys(value).length > 0;

/**
 * The dataset to show: a Croissant `sc:Dataset`, or the heavy (else the light) profile of a job's
 * profiles as GET /profiler/profile/{job_id} answers them.
 */
export function profileDocumentOf(document: unknown): ProfileDocument {
  if (!isObject(document)) throw new ProfileDocumentError('not a JSON object');
  const dataset = 'moma_profile_light' in document || 'moma_profile_heavy' in document
    ? [document.moma_profile_heavy, document.moma_profile_light].find(isNonEmptyObject)
    : document;
  if (!isObject(dataset) || dataset['@type'] !== 'sc:Dataset') {
    throw new ProfileDocumentError('not a Croissant profile: no "@type": "sc:Dataset" (nor moma_profile_light/heavy holding one)');
  }
  return DatasetSchema.parse(dataset);
}
