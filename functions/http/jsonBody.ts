import type middy from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { RequestValidationError } from '@dataset-profiler/core';
import { UnsupportedMediaTypeError } from './errors.js';
import { findJsonSyntaxProblem } from './jsonErrorPosition.js';
import { headerOf } from './requestScope.js';

type Request = middy.Request<APIGatewayProxyEventV2>;

/**
 * middy's JSON body parser, with its answers translated to FastAPI's: no body → 422 `missing` at
 * ["body"]; malformed JSON (middy 6 says 415) → 422 `json_invalid` at ["body", position]. A
 * non-JSON Content-Type stays 415, a documented difference from FastAPI (which answers 422).
 */
export const jsonBody = (): middy.MiddlewareObj<APIGatewayProxyEventV2> => {
  const parser = httpJsonBodyParser<APIGatewayProxyEventV2>();
  const parse = parser.before as (request: Request) => Promise<void>;
  const jsonBodyBefore = async (request: Request): Promise<void> => {
    if (isAbsent(request.event.body)) throw missingBody();
    try {
      await parse(request);
    } catch (error) {
      throw translate(error, request.event);
    }
  };
  return { before: jsonBodyBefore };
};

const isAbsent = (body: string | undefined): boolean => body === undefined || body === null || body === '';

const missingBody = (): RequestValidationError =>
  new RequestValidationError([{ loc: ['body'], msg: 'Field required', type: 'missing', input: null }]);

const translate = (error: unknown, event: APIGatewayProxyEventV2): unknown => {
  const message = error instanceof Error ? error.message : '';
  if (message === 'Unsupported Media Type') return new UnsupportedMediaTypeError(headerOf(event, 'content-type'), { cause: error });
  if (message !== 'Invalid or malformed JSON was provided') return error;
  const text = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString() : (event.body ?? '');
  const problem = findJsonSyntaxProblem(text) ?? { pos: 0, msg: 'Expecting value' };
  return new RequestValidationError(
    [{ loc: ['body', problem.pos], msg: 'JSON decode error', type: 'json_invalid', input: {}, ctx: { error: problem.msg } }],
    { cause: error },
  );
};
