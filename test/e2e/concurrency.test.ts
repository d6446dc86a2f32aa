import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDirs, postJson, specFor, waitForFinal } from '../support/localStack.js';
import { useLocalStack } from '../support/useLocalStack.js';

const JOBS = 200;

describe(`${JOBS} concurrent trigger_profile requests`, () => {
  const local = useLocalStack(async () => {
    const dirs = await makeDirs([]);
    await mkdir(join(dirs.dataRoot, 'tiny'), { recursive: true });
    await writeFile(join(dirs.dataRoot, 'tiny', 'values.csv'), 'id,value,label\n1,2.5,a\n2,3.5,b\n3,,c\n');
    await writeFile(join(dirs.dataRoot, 'tiny', 'notes.txt'), 'A short note about the values.\n');
    return dirs;
  }, () => ({ LOCAL_RUNNER_CONCURRENCY: '4' }));

  it('accepts all of them and brings every one to a final state, none lost', async () => {
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: JOBS }, (_, i) => postJson(`${local.stack.url}/profiler/trigger_profile`, { ...specFor('tiny'), only_light_profile: i % 2 === 0 })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(JOBS).fill(200));
    const jobIds = answers.map((a) => a.body.job_id as string);
    expect(new Set(jobIds).size).toBe(JOBS);

    const finals = await Promise.all(jobIds.map((id) => waitForFinal(local.stack.url, id, 400_000)));
    const counts: Record<string, number> = {};
    for (const job of finals) counts[job.status] = (counts[job.status] ?? 0) + 1;
    console.log(`${JOBS} jobs final in ${Date.now() - started} ms:`, counts);
    for (const job of finals.filter((j) => j.status === 'FAILED')) console.log('failed:', job.job_id, job.message, job.additional_details);
    expect(counts).toEqual({ LIGHT_PROFILE_READY: JOBS / 2, HEAVY_PROFILES_READY: JOBS / 2 });
  }, 600_000);
});
