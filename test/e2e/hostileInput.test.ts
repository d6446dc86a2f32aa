import { describe, expect, it } from 'vitest';
import { getJson, makeDirs, specFor, waitForFinal } from '../support/localStack.js';
import { useLocalStack } from '../support/useLocalStack.js';

const postRaw = async (url: string, body: string) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: response.status, body: (await response.json()) as any };
};

/** Issue 13: one request with deeply nested JSON used to end the whole local stack. */
describe('the local stack survives hostile JSON bodies', () => {
  const local = useLocalStack(() => makeDirs(['subway_data']));

  it('answers 422 to deep bodies, keeps answering, logs no input, and still completes a normal job', async () => {
    const deepName = JSON.stringify(specFor('subway_data')).replace('"Subway data"', '['.repeat(10_000) + ']'.repeat(10_000));
    const bodies = ['['.repeat(10_000) + ']'.repeat(10_000), '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000), deepName];
    for (const body of bodies) {
      const answer = await postRaw(`${local.stack.url}/profiler/trigger_profile`, body);
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({ code: 'Validation.Request', status: 422, detail: [{ type: 'json_too_deep', ctx: { max_depth: 64 } }] });
      expect((await getJson(`${local.stack.url}/monitoring/ready`)).status).toBe(200);
    }
    expect(local.stack.process.exitCode).toBeNull();
    expect(JSON.stringify(local.stack.logs)).not.toContain('[[[[');
    expect(JSON.stringify(local.stack.logs)).not.toContain('{"a":{"a":');

    const trigger = await postRaw(`${local.stack.url}/profiler/trigger_profile`, JSON.stringify(specFor('subway_data')));
    expect(trigger.status).toBe(200);
    expect(await waitForFinal(local.stack.url, trigger.body.job_id)).toMatchObject({ status: 'HEAVY_PROFILES_READY' });
  });
});
