import { ProvisionedThroughputExceededException, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { QueueDoesNotExist } from '@aws-sdk/client-sqs';
import { StorageUnavailableError } from '@dataset-profiler/core';
import { describe, expect, it } from 'vitest';
import { toErrorResponse } from '../../../functions/http/errorResponse.js';
import { toPortError } from '../src/vendorErrors.js';

const metadata = { $metadata: { httpStatusCode: 400 } };

describe('Function: toPortError', () => {
  it('turns DynamoDB throttling into a StorageUnavailableError the API answers with 503 and Retry-After', () => {
    const error = toPortError(new ProvisionedThroughputExceededException({ message: 'Rate exceeded', ...metadata }), 'DynamoDB table jobs');
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect(error).toMatchObject({ code: 'Unavailable.Storage', reason: 'throttled', retryAfterSeconds: 1, resource: 'DynamoDB table jobs' });
    const { status, response } = toErrorResponse(error, 'request-1');
    expect(status).toBe(503);
    expect(response.headers).toMatchObject({ 'Retry-After': '1' });
  });

  it('names a missing table or queue, so the operator knows what to create', () => {
    const table = toPortError(new ResourceNotFoundException({ message: 'Requested resource not found', ...metadata }), 'DynamoDB table jobs');
    const queue = toPortError(new QueueDoesNotExist({ message: 'The specified queue does not exist', ...metadata }), 'SQS queue requests');
    expect(table).toMatchObject({ reason: 'missing', message: expect.stringContaining('DynamoDB table jobs does not exist') });
    expect(queue).toMatchObject({ reason: 'missing', message: expect.stringContaining('SQS queue requests does not exist') });
  });

  it('treats a refused connection and a 5xx as unreachable', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const serverError = Object.assign(new Error('We encountered an internal error'), { name: 'InternalServerError', $metadata: { httpStatusCode: 500 } });
    expect(toPortError(refused, 'S3 bucket profiles')).toMatchObject({ reason: 'unreachable' });
    expect(toPortError(serverError, 'S3 bucket profiles')).toMatchObject({ reason: 'unreachable' });
  });

  it('wraps anything else with the resource in the message and the SDK error as the cause', () => {
    const validation = Object.assign(new Error('Item size has exceeded the maximum allowed size'), { name: 'ValidationException', ...metadata });
    const error = toPortError(validation, 'DynamoDB table jobs');
    expect(error).not.toBeInstanceOf(StorageUnavailableError);
    expect(error).toMatchObject({ message: 'DynamoDB table jobs: Item size has exceeded the maximum allowed size', cause: validation });
  });
});
