/**
 * The profile job's entry point: what the runner (Ray, or the local runner) executes for one job.
 * Reads JOB_ID from the environment and the job's request from the job store (read only: the
 * dispatcher is the only writer), profiles, stores, reports events, exits 0/1.
 */
import { ProfilingRequestSchema, runProfileJob } from '@dataset-profiler/core';
import { parseLocalConfig, wireLocalJob } from '@dataset-profiler/local';
import { CroissantProfiler } from './CroissantProfiler.js';
import { parseJobConfig } from './jobConfig.js';

const main = async (): Promise<number> => {
  const { jobId: JOB_ID, credentials, database } = parseJobConfig();
  const config = parseLocalConfig();
  const { jobs, ...deps } = wireLocalJob(config);
  const job = await jobs.get(JOB_ID);
  if (!job) throw new Error(`job ${JOB_ID} is not in the job store`);
  const profiler = new CroissantProfiler({ credentials, database, ...(config.PUBLIC_BASE_URL ? { publicBaseUrl: config.PUBLIC_BASE_URL } : {}) });
  // The runner stops a job with SIGTERM: clean up and leave at once, the runner records STOPPED.
  process.once('SIGTERM', () => void profiler.dispose().finally(() => process.exit(143)));
  try {
    return await runProfileJob({ ...deps, profiler }, JOB_ID, ProfilingRequestSchema.parse(job.request));
  } finally {
    await profiler.dispose();
  }
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(JSON.stringify({ level: 'fatal', msg: 'profile job crashed', err: String(error) }));
    process.exit(1);
  },
);
