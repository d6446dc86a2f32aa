import {
  CleanUpResponseSchema,
  ErrorResponseSchema,
  JobStatusResponseSchema,
  ProfileResponseSchema,
  TriggerResponseSchema,
  type JobStatusResponse,
  type ProfileResponse,
} from '@dataset-profiler/core';
import type { z } from 'zod';
import { CliError, ConflictError, InvalidInputError, NotFoundError, UnauthorizedError, UnreachableError } from './errors.js';
import { EXIT_CODE } from './exitCodes.js';

export interface ProfilerConnection {
  /** The service's base URL, with any stage prefix (`https://api.example.org/prod`). */
  url: string;
  token?: string;
  /** Per request; a service that does not answer in time counts as unreachable. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** The service's HTTP API as the CLI uses it: answers checked against the API's schemas, failures as CliErrors. */
export class ProfilerClient {
  private readonly base: string;

  constructor(private readonly connection: ProfilerConnection) {
    this.base = connection.url.replace(/\/+$/, '');
  }

  trigger(request: Record<string, unknown>): Promise<z.infer<typeof TriggerResponseSchema>> {
    return this.call('POST', '/profiler/trigger_profile', TriggerResponseSchema, request);
  }

  jobStatus(jobId: string): Promise<JobStatusResponse> {
    return this.call('GET', `/profiler/job_status/${encodeURIComponent(jobId)}`, JobStatusResponseSchema);
  }

  profile(jobId: string): Promise<ProfileResponse> {
    return this.call('GET', `/profiler/profile/${encodeURIComponent(jobId)}`, ProfileResponseSchema);
  }

  cleanUp(jobId: string): Promise<z.infer<typeof CleanUpResponseSchema>> {
    return this.call('POST', '/profiler/clean_up', CleanUpResponseSchema, { job_id: jobId });
  }

  private async call<S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, body?: unknown): Promise<z.infer<S>> {
    const response = await this.send(method, path, body);
    const text = await response.text();
    const answer = parseJson(text);
    if (!response.ok) throw errorOf(response, answer, `${method} ${path}`);
    const parsed = schema.safeParse(answer);
    if (!parsed.success) throw new CliError(`unexpected answer to ${method} ${path}: ${text.slice(0, 200)}`, EXIT_CODE.ERROR);
    return parsed.data;
  }

  private async send(method: string, path: string, body: unknown): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.connection.token) headers.authorization = `Bearer ${this.connection.token}`;
    try {
      return await fetch(`${this.base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.connection.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
    } catch (error) {
      throw new UnreachableError(`cannot reach ${this.base}: ${reasonOf(error)}`, { cause: error });
    }
  }
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** fetch hides the socket error in `cause` ("fetch failed" ← ECONNREFUSED). */
const reasonOf = (error: unknown): string => {
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer in time';
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
};

const ERRORS_BY_STATUS: Record<number, (message: string) => CliError> = {
  401: (message) => new UnauthorizedError(message),
  403: (message) => new UnauthorizedError(message),
  404: (message) => new NotFoundError(message),
  409: (message) => new ConflictError(message),
  413: (message) => new InvalidInputError(message),
  415: (message) => new InvalidInputError(message),
  422: (message) => new InvalidInputError(message),
  503: (message) => new UnreachableError(message),
};

/** The service's error document (FastAPI `detail` + GError) as one readable line. */
function errorOf(response: Response, answer: unknown, what: string): CliError {
  const document = ErrorResponseSchema.safeParse(answer);
  let message = `${what} answered ${response.status}`;
  if (document.success) {
    const { detail } = document.data;
    message += `: ${typeof detail === 'string' ? detail : detail.map((issue) => `${issue.loc.join('.')}: ${issue.msg}`).join('; ')}`;
  }
  const retryAfter = response.headers.get('retry-after');
  if (response.status === 503 && retryAfter) message += ` (retry after ${retryAfter} s)`;
  return (ERRORS_BY_STATUS[response.status] ?? ((text: string) => new CliError(text, EXIT_CODE.ERROR)))(message);
}
