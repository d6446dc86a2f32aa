import type middy from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { RequestValidationError } from '@dataset-profiler/core';
import { UnsupportedMediaTypeError } from './errors.js';
import { findExcessiveNesting, MAX_JSON_DEPTH } from './jsonDepth.js';
import { findJsonSyntaxProblem } from './jsonErrorPosition.js';
import { headerOf } from './requestScope.js';

type Request = middy.Request<APIGatewayProxyEventV2>;

/**
 * middy's JSON body parser, with its answers translated to FastAPI's: no body → 422 `missing` at
 * ["body"]; malformed JSON (middy 6 says 415) → 422 `json_invalid` at ["body", position]. A
 * non-JSON Content-Type stays 415, a documented difference from FastAPI (which answers 422). A body
 * nesting deeper than MAX_JSON_DEPTH is a 422 `json_too_deep` before anything parses it.
 */
export const jsonBody = (): middy.MiddlewareObj<APIGatewayProxyEventV2> => {
  const parser = httpJsonBodyParser<APIGatewayProxyEventV2>();
  const parse = parser.before as (request: Request) => Promise<void>;
  const jsonBodyBefore = async (request: Request): Promise<void> => {
    if (isAbsent(request.event.body)) throw missingBody();
    const tooDeepAt = findExcessiveNesting(bodyText(request.event));
    if (tooDeepAt !== undefined) throw tooDeep(tooDeepAt);
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

const bodyText = (event: APIGatewayProxyEventV2): string =>
  event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString() : (event.body ?? '');

const tooDeep = (position: number): RequestValidationError =>
  new RequestValidationError([
    {
      loc: ['body', position],
      msg: `JSON nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels`,
      type: 'json_too_deep',
      ctx: { max_depth: MAX_JSON_DEPTH },
    },
  ]);

const translate = (error: unknown, event: APIGatewayProxyEventV2): unknown => {
  const message = error instanceof Error ? error.message : '';
  if (message === 'Unsupported Media Type') return new UnsupportedMediaTypeError(headerOf(event, 'content-type'), { cause: error });
  if (message !== 'Invalid or malformed JSON was provided') return error;
  const problem = findJsonSyntaxProblem(bodyText(event)) ?? { pos: 0, msg: 'Expecting value' };
  return new RequestValidationError(
    [{ loc: ['body', problem.pos], msg: 'JSON decode error', type: 'json_invalid', input: {}, ctx: { error: problem.msg } }],
    { cause: error },
  );
};
