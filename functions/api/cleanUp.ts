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
    return json({ detail: 'SUCCESS', ...(await cleanUp(s, jobId, { force: body.force === true })) });
  };

/** `profile_job_id` (the reference's name) or its alias `job_id`: exactly one, as the document's `oneOf` says. */
const cleanUpJobId = ({ profile_job_id: profileJobId, job_id: jobId }: { profile_job_id?: string; job_id?: string }, input: unknown): string => {
  if (profileJobId !== undefined && jobId !== undefined) {
    throw new RequestValidationError([{ loc: ['body', 'job_id'], msg: 'Value error, give profile_job_id or its alias job_id, not both', type: 'value_error', input: jobId }]);
  }
  const chosen = profileJobId ?? jobId;
  if (chosen === undefined) throw new RequestValidationError([{ loc: ['body', 'profile_job_id'], msg: 'Field required', type: 'missing', input }]);
  return chosen;
};
