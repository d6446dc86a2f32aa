import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { RunnerUnavailableError } from '@dataset-profiler/core';
import { RayRequestRejectedError } from '../errors.js';

export interface RayHttpClientOptions {
  /** The dashboard URL, e.g. http://127.0.0.1:8265 (a path prefix behind a proxy is kept). */
  baseUrl: string;
  /** Sent with every request: `authorization: Bearer …`, or a proxy's own header. */
  headers?: Record<string, string>;
  /** One attempt may take this long (connect + answer). */
  requestTimeoutMs: number;
  /** All attempts of one call together, back-off included, never take longer than this. */
  retryBudgetMs: number;
}

export interface RayResponse {
  status: number;
  body: string;
}

const BACKOFF_BASE_MS = 100;
const BACKOFF_CAP_MS = 2_000;

/** An attempt that failed in a way a later attempt may not: connection refused or reset, time-out, 5xx. */
class RetryableFailure extends Error {}

/**
 * The Jobs REST API over node:http (not fetch: undici always sends `sec-fetch-mode`, and the dashboard
 * refuses non-GET "browser" requests, platform-notes §1.7). Connection failures, time-outs and 5xx are
 * retried with full-jitter back-off inside the call's budget, then become RunnerUnavailableError (what
 * opens the circuit); any other answer is returned to the caller.
 */
export class RayHttpClient {
  private readonly base: URL;
  private readonly agent: HttpAgent;

  constructor(private readonly options: RayHttpClientOptions) {
    this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    this.agent = this.base.protocol === 'https:' ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  }

  /**
   * Sends one call, retried while Ray is unreachable. `accept` picks out a 5xx that is an answer rather
   * than an outage (Ray reports a duplicate submission as a 500), which is returned as it is.
   */
  async call(method: string, path: string, body?: unknown, accept: (response: RayResponse) => boolean = () => false): Promise<RayResponse> {
    const deadline = Date.now() + this.options.retryBudgetMs;
    for (let attempt = 0; ; attempt++) {
      const timeoutMs = Math.min(this.options.requestTimeoutMs, Math.max(1, deadline - Date.now()));
      let failure: RetryableFailure;
      try {
        const response = await this.send(method, path, body, timeoutMs);
        if (response.status < 500 || accept(response)) return response;
        failure = new RetryableFailure(`Ray answered ${response.status} to ${method} ${path}`);
      } catch (error) {
        if (!(error instanceof RetryableFailure)) throw error;
        failure = error;
      }
      const backoff = Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
      if (Date.now() + backoff >= deadline) throw new RunnerUnavailableError(`Ray is unavailable: ${failure.message}`, { cause: failure.cause ?? failure });
      await sleep(backoff);
    }
  }

  /** Parses a 200 answer's JSON (error bodies are plain text, often a Python traceback). */
  static json<T>(response: RayResponse, what: string): T {
    if (response.status !== 200) throw new RayRequestRejectedError(what, response.status, response.body);
    return JSON.parse(response.body) as T;
  }

  close(): void {
    this.agent.destroy();
  }

  private send(method: string, path: string, body: unknown, timeoutMs: number): Promise<RayResponse> {
    const url = new URL(path.replace(/^\//, ''), this.base);
    // Bytes (a working_dir package) go as they are; anything else as JSON.
    const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string | number> = { accept: 'application/json', ...this.options.headers };
    const contentType = Buffer.isBuffer(body) ? 'application/octet-stream' : 'application/json';
    if (payload) Object.assign(headers, { 'content-type': contentType, 'content-length': payload.length });
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(url, { method, headers, agent: this.agent, signal: AbortSignal.timeout(timeoutMs) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (error) => reject(new RetryableFailure(describe(error, method, path, timeoutMs), { cause: error })));
      });
      req.on('error', (error) => reject(new RetryableFailure(describe(error, method, path, timeoutMs), { cause: error })));
      req.end(payload);
    });
  }
}

const describe = (error: Error & { code?: string }, method: string, path: string, timeoutMs: number): string =>
  error.name === 'AbortError' || error.name === 'TimeoutError'
    ? `${method} ${path} timed out after ${timeoutMs} ms`
    : `${method} ${path} failed (${error.code ?? error.message})`;
