/**
 * The profile job's process: what the runner (Ray, or the local runner) executes for one job.
 * Reads JOB_ID from the environment and the job's request from the job store (read only: the
 * dispatcher is the only writer), profiles, stores, reports events, exits 0/1. Its ports come from
 * the flavour's job wiring (embedded files, or DynamoDB + S3 + SQS), picked by configuration in the
 * entry point that calls this.
 */
import { ProfilingRequestSchema, runProfileJob, type Clock, type DatabaseHostPolicy, type Datasets, type JobQueue, type JobStore, type Logger, type ProfileStore } from '@dataset-profiler/core';
import { CroissantProfiler } from './CroissantProfiler.js';
import { credentialsFrom, parseJobConfig, type SecretStrings } from './jobConfig.js';

/** What one flavour's job wiring provides. */
export interface ProfileJobWiring {
  jobs: Pick<JobStore, 'get'>;
  profiles: ProfileStore;
  events: JobQueue;
  datasets: Datasets;
  /** DB_ALLOWED_HOSTS, checked again when the job starts; without it every database is refused. */
  databaseHosts?: DatabaseHostPolicy;
  /** Where DB_CREDENTIALS_SECRET_ARN is read (AWS only). */
  secrets?: SecretStrings;
  clock: Clock;
  logger: Logger;
  /** `contentUrl` base for files (PUBLIC_BASE_URL). */
  publicBaseUrl?: string;
  /** Removes what the wiring made for this job (a downloaded dataset). */
  dispose?: () => Promise<void>;
}

const main = async (wire: () => Promise<ProfileJobWiring>): Promise<number> => {
  const { jobId: JOB_ID, credentials, database, limits } = parseJobConfig();
  const { jobs, publicBaseUrl, dispose, secrets, ...deps } = await wire();
  const job = await jobs.get(JOB_ID);
  if (!job) throw new Error(`job ${JOB_ID} is not in the job store`);
  const profiler = new CroissantProfiler({ credentials: credentialsFrom(credentials, secrets), database, limits, ...(publicBaseUrl ? { publicBaseUrl } : {}) });
  // The runner stops a job with SIGTERM: clean up and leave at once, the runner records STOPPED.
  const cleanUp = async () => {
    await Promise.all([profiler.dispose(), dispose?.()]);
  };
  process.once('SIGTERM', () => void cleanUp().finally(() => process.exit(143)));
  try {
    return await runProfileJob({ ...deps, profiler }, JOB_ID, ProfilingRequestSchema.parse(job.request));
  } finally {
    await cleanUp();
  }
};

/** Runs the job with the given wiring and exits with its code. */
export const runProfileJobProcess = (wire: () => Promise<ProfileJobWiring>): void => {
  main(wire).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(JSON.stringify({ level: 'fatal', msg: 'profile job crashed', err: String(error) }));
      process.exit(1);
    },
  );
};
