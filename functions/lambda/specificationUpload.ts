import { posix } from 'node:path';
import { parseRequest, ProfilingRequestSchema, RequestValidationError, type ProfilingRequest } from '@dataset-profiler/core';
import { findJsonSyntaxProblem } from '../http/jsonErrorPosition.js';

/** The file whose upload starts profiling the folder it sits in, and where a rejection is written. */
export const SPECIFICATION_FILE = 'profile_specification.json';
export const SPECIFICATION_ERROR_FILE = 'profile_specification.error.json';

/** Where datasets live in S3 (`DATA_ROOT=s3://bucket/prefix`); `prefix` has no leading or trailing `/`. */
export interface S3Root {
  bucket: string;
  prefix: string;
}

/** An uploaded specification: the identity that makes a redelivery or an unchanged re-upload a duplicate. */
export interface SpecificationUpload {
  bucket: string;
  key: string;
  etag: string;
}

/**
 * The dataset folder (RawDataPath `dataset_id`, relative to the data root) a specification key names,
 * or undefined when the key is not a specification file below the root.
 */
export const datasetIdOfKey = (root: S3Root, bucket: string, key: string): string | undefined => {
  if (bucket !== root.bucket || posix.basename(key) !== SPECIFICATION_FILE) return undefined;
  const folder = posix.dirname(key);
  const rootPrefix = root.prefix === '' ? '' : `${root.prefix}/`;
  if (!folder.startsWith(rootPrefix) || folder.length <= rootPrefix.length) return undefined;
  return folder.slice(rootPrefix.length);
};

export const errorKeyOf = (key: string): string => posix.join(posix.dirname(key), SPECIFICATION_ERROR_FILE);

/**
 * The trigger_profile request an uploaded file stands for, validated exactly as the API validates its
 * body (same 422 issues). The file holds either a `profile_specification` object, or a whole
 * trigger_profile body (`{"profile_specification": …, "only_light_profile": …}`). A specification
 * without `data_connectors` profiles the folder it was uploaded to.
 */
export const requestOfUpload = (text: string, datasetId: string): ProfilingRequest => {
  const document = parseJson(text);
  const isBody = typeof document === 'object' && document !== null && !Array.isArray(document) && 'profile_specification' in document;
  const body = (isBody ? document : { profile_specification: document }) as Record<string, unknown>;
  const spec = body.profile_specification;
  if (typeof spec === 'object' && spec !== null && !Array.isArray(spec) && !('data_connectors' in spec)) {
    body.profile_specification = { ...spec, data_connectors: [{ type: 'RawDataPath', dataset_id: datasetId }] };
  }
  return parseRequest(ProfilingRequestSchema, body, ['body']);
};

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const problem = findJsonSyntaxProblem(text) ?? { pos: 0, msg: 'Expecting value' };
    throw new RequestValidationError([{ loc: ['body', problem.pos], msg: 'JSON decode error', type: 'json_invalid', input: {}, ctx: { error: problem.msg } }], { cause: error });
  }
};
