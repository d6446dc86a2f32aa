/**
 * The profile job's entry point: what the runner (Ray, or the local runner) executes for one job.
 * Reads JOB_ID and PROFILE_REQUEST from the environment, profiles, stores, reports events, exits 0/1.
 */
import { ProfilingRequestSchema, runProfileJob } from '@dataset-profiler/core';
import { parseLocalConfig, wireLocalJob } from '@dataset-profiler/local';
import { z } from 'zod';
import { CroissantProfiler } from './CroissantProfiler.js';

const JobEnvSchema = z.object({
  JOB_ID: z.string().min(1),
  PROFILE_REQUEST: z.string().transform((text) => ProfilingRequestSchema.parse(JSON.parse(text))),
});

const main = async (): Promise<number> => {
  const env = JobEnvSchema.parse(process.env);
  const config = parseLocalConfig();
  // The runner stops a job with SIGTERM: leave at once, the runner records STOPPED.
  process.once('SIGTERM', () => process.exit(143));
  const profiler = new CroissantProfiler(config.PUBLIC_BASE_URL ? { publicBaseUrl: config.PUBLIC_BASE_URL } : {});
  try {
    return await runProfileJob({ ...wireLocalJob(config), profiler }, env.JOB_ID, env.PROFILE_REQUEST);
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
