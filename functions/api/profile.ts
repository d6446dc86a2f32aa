import { getProfile, JobIdParamSchema, profileKeys, type Services } from '@dataset-profiler/core';
import type { Endpoint } from '../http/httpHandler.js';
import { parseRequest } from '@dataset-profiler/core';
import { JSON_HEADERS, redirect } from '../http/responses.js';

/**
 * GET /profiler/profile/{job_id}: the light, heavy and CDD profiles of a finished job. An answer over
 * the services' inline limit (Lambda caps responses at 6 MB) is published and answered with a 307
 * to a short-lived URL, which clients that follow redirects read like the inline answer.
 */
export const profileEndpoint = (s: Services): Endpoint =>
  async function profileHandler(request) {
    const jobId = parseRequest(JobIdParamSchema, request.pathParameters.job_id, ['path', 'job_id']);
    request.annotate({ job_id: jobId });
    const body = JSON.stringify(await getProfile(s, jobId));
    if (s.largeAnswers && Buffer.byteLength(body) > s.largeAnswers.inlineLimitBytes) {
      request.annotate({ answer_bytes: Buffer.byteLength(body) });
      return redirect(await s.largeAnswers.publish(profileKeys.answer(jobId), body));
    }
    return { statusCode: 200, headers: { ...JSON_HEADERS }, body };
  };
