import { describe, expect, it } from 'vitest';
import { triggerRequestOf } from '../../src/commands/trigger.js';
import { InvalidInputError } from '../../src/errors.js';

const SPEC = { id: '7c4d20a0-33e8-471e-8a3f-a7a54aa09f68', name: 'Subway data' };

describe('triggerRequestOf', () => {
  it('sends a whole trigger_profile body as it is, --light turning only_light_profile on', () => {
    const body = { profile_specification: SPEC, only_light_profile: false };
    expect(triggerRequestOf(body, false)).toEqual(body);
    expect(triggerRequestOf(body, true)).toEqual({ profile_specification: SPEC, only_light_profile: true });
  });

  it('wraps a bare specification', () => {
    expect(triggerRequestOf(SPEC, false)).toEqual({ profile_specification: SPEC, only_light_profile: false });
  });

  it('rejects what is not an object', () => {
    for (const spec of [null, [SPEC], 'spec']) expect(() => triggerRequestOf(spec, false)).toThrow(InvalidInputError);
  });
});
