import { ProfilingRequestSchema, triggerProfile, type Services } from '@dataset-profiler/core';
import type { Endpoint } from '../http/httpHandler.js';
import { parseBody } from '../http/parseBody.js';
import { json } from '../http/responses.js';

/** POST /profiler/trigger_profile: validate the request, submit it, answer with the new job's id. */
export const triggerProfileEndpoint = (s: Services): Endpoint =>
  async function triggerProfileHandler(request) {
    const profilingRequest = parseBody(ProfilingRequestSchema, request);
    const submitted = await triggerProfile(s, profilingRequest);
    request.annotate({ job_id: submitted.job_id });
    return json(submitted);
  };
