/**
 * Serves answers too large to return inline (API Gateway caps a Lambda response at 6 MB): the body
 * is stored and the client is redirected to a short-lived URL to GET it from.
 */
export interface LargeAnswers {
  /** Bodies larger than this many bytes are published instead of answered inline. */
  readonly inlineLimitBytes: number;
  /** Stores `body` (JSON) under `key` and returns a URL that serves it for a while. */
  publish(key: string, body: string): Promise<string>;
}
