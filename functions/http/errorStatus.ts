/**
 * The one code → HTTP status table. A full code wins over its family (`NotFound.*`); anything absent
 * is a 500. No use case knows a status code.
 */
export const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  'Validation.Request': 422,
  NotFound: 404,
  Conflict: 409,
  'Conflict.JobState': 409,
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  MethodNotAllowed: 405,
  Unauthorized: 401,
  Forbidden: 403,
  Unavailable: 503,
  'Unavailable.Ray': 503,
};

export const INTERNAL_ERROR_STATUS = 500;

export const statusForCode = (code: string): number =>
  STATUS_BY_CODE[code] ?? STATUS_BY_CODE[code.split('.')[0] ?? ''] ?? INTERNAL_ERROR_STATUS;
