import { afterAll, beforeAll } from 'vitest';
import { isTerminalRayStatus, type RayJobSpec } from '@dataset-profiler/core';
import { HttpRayJobs } from '@dataset-profiler/ray';
import { describeWithService } from '../support/externalService.js';
import { eventually } from './contractKit.js';
import { rayJobsContract } from './RayJobs.contract.js';
import { takeTurnOnSharedHead } from '../support/rayHead.js';

/** CPUs of the head .ci/services/30-ray.sh starts (--num-cpus); jobs are sized so `concurrency` fit at once. */
const headCpus = () => Number(process.env.RAY_HEAD_NUM_CPUS ?? 2);

/** The RayJobs contract against a real Ray head, unchanged: what the local runner does, Ray does. */
describeWithService('RAY_ADDRESS', 'HttpRayJobs on a real Ray head', (address) => {
  // Suites on the shared head take turns (see takeTurnOnSharedHead).
  let releaseTurn: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    releaseTurn = await takeTurnOnSharedHead(address, 900_000);
  }, 905_000);
  afterAll(() => releaseTurn?.());
  rayJobsContract({
    skip: [
      {
        test: 'stops a PENDING job before it starts',
        // Ray 2.60 keeps the stop in the supervisor actor (JobSupervisor.stop sets an asyncio.Event), and
        // that actor is only scheduled once a slot frees: the job stays PENDING meanwhile, then run()
        // sets RUNNING and execs the entrypoint before it looks at the event (job_supervisor.py). The
        // REST API has nowhere else to record a stop that an entrypoint wrapper could read (issue 8).
        reason: 'Ray delivers a stop to a PENDING job once its supervisor is scheduled, which runs the entrypoint first (issue 8)',
      },
    ],
    make: async ({ concurrency }) => {
      const ray = new HttpRayJobs({
        baseUrl: address,
        requestTimeoutMs: 5_000,
        retryBudgetMs: 10_000,
        entrypointNumCpus: headCpus() / concurrency,
        entrypointMemoryBytes: 0,
      });
      const submitted: string[] = [];
      const submit = ray.submit.bind(ray);
      ray.submit = async (spec: RayJobSpec) => {
        submitted.push(spec.submissionId);
        await submit(spec);
      };
      return {
        ray,
        // The next case needs the head's CPUs: stop what this one left running and wait until it ends.
        cleanup: async () => {
          await Promise.all(submitted.map((id) => ray.stop(id)));
          for (const id of submitted) await eventually(() => ray.get(id), (info) => !info || isTerminalRayStatus(info.status), 20_000, 200);
          await ray.close();
        },
      };
    },
  });
});
