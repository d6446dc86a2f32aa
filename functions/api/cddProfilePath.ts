import { DatasetUuidSchema, getCddProfilePath, parseRequest, type Services } from '@dataset-profiler/core';
import type { Endpoint } from '../http/httpHandler.js';
import { json } from '../http/responses.js';

/** GET /profiler/cdd_profile_path/{dataset_id}: where the dataset's CDD profile is stored, or null. */
export const cddProfilePathEndpoint = (s: Services): Endpoint =>
  async function cddProfilePathHandler(request) {
    const datasetId = parseRequest(DatasetUuidSchema, request.pathParameters.dataset_id, ['path', 'dataset_id']);
    request.annotate({ dataset_id: datasetId });
    return json(await getCddProfilePath(s, datasetId));
  };
