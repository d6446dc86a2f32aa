/**
 * The profile job's entry point (dist/profile-job.js), started by the local runner for each job:
 * PROFILER_BACKEND picks its wiring, the embedded files under DATA_DIR or the AWS adapters.
 */
import { loadAwsConfig, wireAwsJob } from '@dataset-profiler/aws';
import { runProfileJobProcess } from '../../../functions/job/profileJob.js';
import { createLogger } from '../../../functions/http/logger.js';
import { parseLocalConfig } from './config.js';
import { FsDatasets } from './FsDatasets.js';
import { wireLocalJob } from './wire.js';

runProfileJobProcess(async () => {
  const config = parseLocalConfig();
  const publicBaseUrl = config.PUBLIC_BASE_URL ? { publicBaseUrl: config.PUBLIC_BASE_URL } : {};
  if (config.PROFILER_BACKEND !== 'aws') return { ...wireLocalJob(config), ...publicBaseUrl };
  const logger = createLogger({ logLevel: config.LOG_LEVEL }).child({ role: 'profile-job' });
  return { ...(await wireAwsJob(loadAwsConfig(), { datasets: new FsDatasets(config.DATA_ROOT), logger })), ...publicBaseUrl };
});
