import { DatasetUuidSchema, getCddProfilePath, parseRequest, RequestValidationError, type Services } from '@dataset-profiler/core';
import type { Endpoint } from '../http/httpHandler.js';
import { json } from '../http/responses.js';

/** Two ids are called "dataset id"; a folder name here is the usual mistake, so the 422 says which one. */
const TAKES_THE_UUID = "this route takes the dataset's UUID (the profile_specification.id of its requests), not the RawDataPath folder name";

/** GET /profiler/cdd_profile_path/{dataset_id}: where the dataset's CDD profile is stored, or null. */
export const cddProfilePathEndpoint = (s: Services): Endpoint =>
  async function cddProfilePathHandler(request) {
    const datasetId = parseDatasetId(request.pathParameters.dataset_id);
    request.annotate({ dataset_id: datasetId });
    return json(await getCddProfilePath(s, datasetId));
  };

const parseDatasetId = (value: string | undefined): string => {
  try {
    return parseRequest(DatasetUuidSchema, value, ['path', 'dataset_id']);
  } catch (error) {
    if (!(error instanceof RequestValidationError)) throw error;
    throw new RequestValidationError(error.issues.map((issue) => ({ ...issue, msg: `${issue.msg}: ${TAKES_THE_UUID}` })));
  }
};
