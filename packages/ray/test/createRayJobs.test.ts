import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRayJobs, rayConfigShape } from '../src/createRayJobs.js';
import { HttpRayJobs } from '../src/HttpRayJobs.js';
import { LocalRayJobs } from '../src/LocalRayJobs.js';
import { makeTempDir } from '../../../test/contracts/contractKit.js';

const parse = (env: Record<string, string>) => z.object(rayConfigShape).parse(env);

describe('Function: createRayJobs', () => {
  it('builds HttpRayJobs when RAY_ADDRESS is set', async () => {
    const ray = createRayJobs(parse({ RAY_ADDRESS: 'http://127.0.0.1:8265', RAY_AUTH_TOKEN: 't', RAY_EXTRA_HEADER: 'X-Api-Key: k' }));
    expect(ray).toBeInstanceOf(HttpRayJobs);
    await ray.close();
  });

  it('builds the local runner when RAY_ADDRESS is unset or empty and the root offers one', async () => {
    const { dir, remove } = await makeTempDir('create-ray-jobs');
    const ray = createRayJobs(parse({ RAY_ADDRESS: '' }), { local: { stateDir: dir } });
    expect(ray).toBeInstanceOf(LocalRayJobs);
    await ray.close();
    await remove();
  });

  it('asks for RAY_ADDRESS where there is no local runner', () => {
    expect(() => createRayJobs(parse({}))).toThrow(/RAY_ADDRESS: required/);
  });

  it('rejects an address that is not http(s) and a header that is not "Name: value"', () => {
    expect(() => parse({ RAY_ADDRESS: 'ray://127.0.0.1:10001' })).toThrow();
    expect(() => parse({ RAY_EXTRA_HEADER: 'no colon' })).toThrow(/Name: value/);
    expect(parse({ RAY_ENTRYPOINT_NUM_CPUS: '0.5' }).RAY_ENTRYPOINT_NUM_CPUS).toBe(0.5);
  });
});
