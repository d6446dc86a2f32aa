import { getRunnerStatus, JobIdParamSchema, type Services } from '@dataset-profiler/core';
import type { Endpoint } from '../http/httpHandler.js';
import { parseRequest } from '@dataset-profiler/core';
import { json } from '../http/responses.js';

/** GET /profiler/runner_status/{job_id}: what the runner says, as a bare JSON string (`"pending"`). */
export const runnerStatusEndpoint = (s: Services): Endpoint =>
  async function runnerStatusHandler(request) {
    const jobId = parseRequest(JobIdParamSchema, request.pathParameters.job_id, ['path', 'job_id']);
    request.annotate({ job_id: jobId });
    return json(await getRunnerStatus(s, jobId));
  };
