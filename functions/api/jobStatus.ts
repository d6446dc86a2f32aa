import { getJobStatus, JobIdParamSchema, type Services } from '@dataset-profiler/core';
import type { Endpoint } from '../http/httpHandler.js';
import { parseRequest } from '@dataset-profiler/core';
import { json } from '../http/responses.js';

/** GET /profiler/job_status/{job_id}: the job's stored state and progress. */
export const jobStatusEndpoint = (s: Services): Endpoint =>
  async function jobStatusHandler(request) {
    const jobId = parseRequest(JobIdParamSchema, request.pathParameters.job_id, ['path', 'job_id']);
    request.annotate({ job_id: jobId });
    return json(await getJobStatus(s, jobId));
  };
