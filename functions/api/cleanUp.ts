import { cleanUp, CleanUpRequestSchema, RequestValidationError, type Services } from '@dataset-profiler/core';
import type { Endpoint } from '../http/httpHandler.js';
import { parseBody } from '../http/parseBody.js';
import { json } from '../http/responses.js';

/** POST /profiler/clean_up: delete a finished job's profiles and mark it CLEANED_UP. */
export const cleanUpEndpoint = (s: Services): Endpoint =>
  async function cleanUpHandler(request) {
    const body = parseBody(CleanUpRequestSchema, request);
    const jobId = cleanUpJobId(body, request.body);
    request.annotate({ job_id: jobId });
    // The reference answers {"detail": "SUCCESS"}; the job id and its new status sit beside it.
    return json({ detail: 'SUCCESS', ...(await cleanUp(s, jobId)) });
  };

/** `profile_job_id` (the reference's name) or its alias `job_id`: one is required, both must agree. */
const cleanUpJobId = ({ profile_job_id: profileJobId, job_id: jobId }: { profile_job_id?: string; job_id?: string }, input: unknown): string => {
  if (profileJobId !== undefined && jobId !== undefined && profileJobId !== jobId) {
    throw new RequestValidationError([{ loc: ['body', 'job_id'], msg: 'Value error, job_id and profile_job_id name different jobs', type: 'value_error', input: jobId }]);
  }
  const chosen = profileJobId ?? jobId;
  if (chosen === undefined) throw new RequestValidationError([{ loc: ['body', 'profile_job_id'], msg: 'Field required', type: 'missing', input }]);
  return chosen;
};
