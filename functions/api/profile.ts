import { getProfile, JobIdParamSchema, type Services } from '@dataset-profiler/core';
import type { Endpoint } from '../http/httpHandler.js';
import { parseRequest } from '@dataset-profiler/core';
import { json } from '../http/responses.js';

/** GET /profiler/profile/{job_id}: the light, heavy and CDD profiles of a finished job. */
export const profileEndpoint = (s: Services): Endpoint =>
  async function profileHandler(request) {
    const jobId = parseRequest(JobIdParamSchema, request.pathParameters.job_id, ['path', 'job_id']);
    request.annotate({ job_id: jobId });
    return json(await getProfile(s, jobId));
  };
