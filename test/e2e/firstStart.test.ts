import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getJson, makeDirs } from '../support/localStack.js';
import { useLocalStack, type StackDirs } from '../support/useLocalStack.js';

/** Issue 12: what a newcomer meets on a fresh clone's first `npm start`. */
describe('the first start of the local stack', () => {
  const freshDataRoot = (dirs: StackDirs) => join(dirs.base, 'fresh-clone', 'data');
  const local = useLocalStack(() => makeDirs([]), (dirs) => ({ DATA_ROOT: freshDataRoot(dirs) }));

  it('creates the data root and prints where it is, the URL and the docs URL', () => {
    expect(existsSync(freshDataRoot(local.dirs))).toBe(true);
    expect(local.stack.logs.find((line) => line.msg === 'dataset profiler listening')).toMatchObject({ url: local.stack.url, docs: `${local.stack.url}/docs`, data_root: freshDataRoot(local.dirs) });
  });

  it('redirects /docs/ to /docs', async () => {
    const answer = await fetch(`${local.stack.url}/docs/`, { redirect: 'manual' });
    expect(answer.status).toBe(307);
    expect(answer.headers.get('location')).toBe('/docs');
    const followed = await fetch(`${local.stack.url}/docs/`);
    expect(followed.status).toBe(200);
    expect(await followed.text()).toContain('swagger-ui');
  });

  it('describes the running configuration in /openapi.json: no bearer security while auth is off', async () => {
    const { body } = await getJson(`${local.stack.url}/openapi.json`);
    expect(body.paths['/profiler/trigger_profile'].post.security).toBeUndefined();
    expect(body.components?.securitySchemes).toBeUndefined();
  });

  it("says that cdd_profile_path takes the specification's UUID when given a folder name", async () => {
    const { status, body } = await getJson(`${local.stack.url}/profiler/cdd_profile_path/subway_data`);
    expect(status).toBe(422);
    expect(body.detail[0]).toMatchObject({ loc: ['path', 'dataset_id'], type: 'uuid_parsing' });
    expect(body.detail[0].msg).toContain("this route takes the dataset's UUID (the profile_specification.id of its requests), not the RawDataPath folder name");
  });
});
