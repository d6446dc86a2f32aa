import { StorageUnavailableError } from '@dataset-profiler/core';

/** What AWS SDK v3 errors carry: the service's error name and the HTTP status, when there was an answer. */
interface SdkError {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

const THROTTLING = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'Throttling',
  'ThrottledException',
  'SlowDown',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
]);

const MISSING = new Set(['ResourceNotFoundException', 'QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', 'NoSuchBucket']);

const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'TimeoutError']);

const asSdkError = (error: unknown): SdkError => (typeof error === 'object' && error !== null ? (error as SdkError) : {});

export const errorName = (error: unknown): string | undefined => asSdkError(error).name;

export const httpStatusOf = (error: unknown): number | undefined => asSdkError(error).$metadata?.httpStatusCode;

export const isConditionalCheckFailure = (error: unknown): boolean => errorName(error) === 'ConditionalCheckFailedException';

/**
 * Turns an SDK error into the ports' vocabulary: throttling, a missing table/queue/bucket and an
 * unreachable or failing (5xx) service become StorageUnavailableError; anything else is rethrown
 * wrapped, naming the resource, with the SDK error as its cause.
 */
export const toPortError = (error: unknown, resource: string): Error => {
  const { name, code } = asSdkError(error);
  const status = httpStatusOf(error);
  const why = error instanceof Error ? error.message : String(error);
  if ((name && THROTTLING.has(name)) || status === 429) {
    return new StorageUnavailableError(resource, 'throttled', `${resource} is throttling requests: ${why}`, { cause: error });
  }
  if (name && MISSING.has(name)) {
    return new StorageUnavailableError(resource, 'missing', `${resource} does not exist (create it, or start once with AWS_BOOTSTRAP=true): ${why}`, { cause: error });
  }
  if ((name && NETWORK.has(name)) || (code && NETWORK.has(code)) || (status !== undefined && status >= 500)) {
    return new StorageUnavailableError(resource, 'unreachable', `${resource} cannot be reached: ${why}`, { cause: error });
  }
  return new Error(`${resource}: ${why}`, { cause: error });
};

/** Runs one SDK call and translates its failure. */
export const guarded = async <T>(resource: string, call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    throw toPortError(error, resource);
  }
};
