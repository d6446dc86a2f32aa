import { describe, expect, it } from 'vitest';
import { canonicalUuid, ProfilingRequestSchema, unknownFields } from '@dataset-profiler/core';
import { isPublicationDate } from '../../packages/core/src/schemas/datePublished.js';
import { validRequest } from './support/fixtures.js';

describe('canonicalUuid (Python uuid.UUID)', () => {
  it('accepts any version and variant, hyphenated or not, braces or urn prefix, and answers lower-case hyphenated', () => {
    for (const [given, canonical] of [
      ['33333333-3333-3333-3333-333333333333', '33333333-3333-3333-3333-333333333333'],
      ['11111111111111111111111111111111', '11111111-1111-1111-1111-111111111111'],
      ['7C4D20A0-33E8-471E-8A3F-A7A54AA09F68', '7c4d20a0-33e8-471e-8a3f-a7a54aa09f68'],
      ['{7c4d20a0-33e8-471e-8a3f-a7a54aa09f68}', '7c4d20a0-33e8-471e-8a3f-a7a54aa09f68'],
      ['urn:uuid:7c4d20a0-33e8-471e-8a3f-a7a54aa09f68', '7c4d20a0-33e8-471e-8a3f-a7a54aa09f68'],
    ]) expect(canonicalUuid(given as string), given).toBe(canonical);
    for (const bad of ['subway_data', '3333-3333-3333-3333-3333-3333-3333-3333', '33333333-3333-3333-3333-33333333333', '3333333333333333333333333333333g', '']) {
      expect(canonicalUuid(bad), bad).toBeUndefined();
    }
  });
});

describe('date_published (the dates Pydantic parses from a string, plus DD-MM-YYYY)', () => {
  it('accepts real dates in those forms and rejects impossible or other ones', () => {
    // Each verdict below was checked against Pydantic 2.13.4's `date` (DD-MM-YYYY is our addition).
    for (const accepted of ['2025-08-23', '2024-02-29', '0001-01-01', '9999-12-31', '2025-08-23T00:00:00', '2025-08-23T00:00', '2025-08-23 00:00:00Z', '2025-08-23t00:00:00+02:00', '2025-08-23_00:00:00.000', '1692748800', '1692748800000', '-86400', '23-08-2025']) {
      expect(isPublicationDate(accepted), accepted).toBe(true);
    }
    for (const rejected of ['2025-02-30', '2023-02-29', '2025-13-01', '0000-01-01', '31-02-2025', '2025-8-23', '2025/08/23', '20250823', '2025-08-23T10:00:00', '2025-08-23Z', '1692748801', ' 2025-08-23', '10000-01-01', 'yesterday', '']) {
      expect(isPublicationDate(rejected), rejected).toBe(false);
    }
  });
});

describe('unknownFields', () => {
  it('names the fields a request carries that the schema does not declare, nested ones by path', () => {
    const request = validRequest() as Record<string, any>;
    request.client_version = '1.2';
    request.profile_specification.colour = 'blue';
    request.profile_specification.data_connectors[0].mount = '/mnt';
    expect(ProfilingRequestSchema.safeParse(request).success).toBe(true);
    expect(unknownFields(ProfilingRequestSchema, request).sort()).toEqual(['client_version', 'profile_specification.colour', 'profile_specification.data_connectors.0.mount']);
    expect(unknownFields(ProfilingRequestSchema, validRequest())).toEqual([]);
  });
});
