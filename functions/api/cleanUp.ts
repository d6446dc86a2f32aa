import { cleanUp, CleanUpRequestSchema, type Services } from '@dataset-profiler/core';
import type { Endpoint } from '../http/httpHandler.js';
import { parseRequest } from '@dataset-profiler/core';
import { json } from '../http/responses.js';

/** POST /profiler/clean_up: delete a finished job's profiles and mark it CLEANED_UP. */
export const cleanUpEndpoint = (s: Services): Endpoint =>
  async function cleanUpHandler(request) {
    const { job_id: jobId, force } = parseRequest(CleanUpRequestSchema, request.body, ['body']);
    request.annotate({ job_id: jobId });
    return json(await cleanUp(s, jobId, { force: force === true }));
  };
