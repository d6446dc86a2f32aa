import type { z } from 'zod';
import { parseRequest, unknownFields } from '@dataset-profiler/core';
import type { ApiRequest } from './httpHandler.js';

/**
 * Validates a JSON body. Unknown fields are ignored, as Pydantic does by default and the reference's
 * clients rely on; their names (never their values) go to the debug log, so a typo can be found.
 */
export const parseBody = <S extends z.ZodType>(schema: S, request: ApiRequest): z.output<S> => {
  const parsed = parseRequest(schema, request.body, ['body']);
  const ignored = unknownFields(schema, request.body);
  if (ignored.length > 0) request.log.debug({ unknown_fields: ignored }, 'unknown request fields ignored');
  return parsed;
};
