import { getProfile, JobIdParamSchema, parseRequest, type Services } from '@dataset-profiler/core';
import { renderProfileHtml } from '@dataset-profiler/viewer';
import type { Endpoint } from '../http/httpHandler.js';
import { content } from '../http/responses.js';

/**
 * GET /profiler/profile/{job_id}/view: the job's heavy profile (its light one until the heavy is
 * ready) as a self-contained HTML page, the same page `dataset-profiler view` writes.
 */
export const profileViewEndpoint = (s: Services): Endpoint =>
  async function profileViewHandler(request) {
    const jobId = parseRequest(JobIdParamSchema, request.pathParameters.job_id, ['path', 'job_id']);
    request.annotate({ job_id: jobId });
    return content(renderProfileHtml(await getProfile(s, jobId)), 'text/html; charset=utf-8');
  };
