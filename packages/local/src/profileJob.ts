/**
 * The profile job's entry point (dist/profile-job.js), started by the local runner, or by Ray on a
 * node of the image in Dockerfile.ray: PROFILER_BACKEND picks its wiring, the embedded files under
 * DATA_DIR or the AWS adapters. With an s3:// DATA_ROOT the job first downloads its dataset into a
 * bounded temp folder (S3DatasetDownloads), so no shared disk is needed.
 */
import { tmpdir } from 'node:os';
import { createAwsClients, loadAwsConfig, parseS3Uri, S3DatasetDownloads, wireAwsJob } from '@dataset-profiler/aws';
import { databaseHostPolicy } from '../../../functions/databaseHosts.js';
import { runProfileJobProcess } from '../../../functions/job/profileJob.js';
import { createLogger } from '../../../functions/http/logger.js';
import { SPECIFICATION_ERROR_FILE, SPECIFICATION_FILE } from '../../../functions/lambda/specificationUpload.js';
import { parseLocalConfig, type LocalConfig } from './config.js';
import { FsDatasets } from './FsDatasets.js';
import { wireLocalJob } from './wire.js';

const awsJobDatasets = (config: LocalConfig, s3: ReturnType<typeof createAwsClients>['s3']) => {
  const root = parseS3Uri(config.DATA_ROOT);
  if (!root) return new FsDatasets(config.DATA_ROOT);
  return new S3DatasetDownloads(s3, root, {
    tempRoot: config.DATASET_DOWNLOAD_DIR ?? tmpdir(),
    maxBytes: config.DATASET_DOWNLOAD_MAX_BYTES,
    // The S3 trigger's control files sit beside the data; they are not part of the dataset.
    exclude: [SPECIFICATION_FILE, SPECIFICATION_ERROR_FILE],
  });
};

runProfileJobProcess(async () => {
  // On Ray, RAY_ADDRESS is the cluster's GCS address (host:port), not a dashboard URL: not ours to read.
  const config = parseLocalConfig({ ...process.env, RAY_ADDRESS: undefined });
  const publicBaseUrl = config.PUBLIC_BASE_URL ? { publicBaseUrl: config.PUBLIC_BASE_URL } : {};
  if (config.PROFILER_BACKEND !== 'aws') return { ...wireLocalJob(config), ...publicBaseUrl };
  const aws = loadAwsConfig();
  const clients = createAwsClients(aws);
  const logger = createLogger({ logLevel: config.LOG_LEVEL }).child({ role: 'profile-job' });
  const datasets = awsJobDatasets(config, clients.s3);
  const dispose = async () => {
    if (datasets instanceof S3DatasetDownloads) await datasets.dispose();
  };
  const databaseHosts = databaseHostPolicy(config.DB_ALLOWED_HOSTS);
  return { ...(await wireAwsJob(aws, { datasets, databaseHosts, logger, clients })), ...publicBaseUrl, dispose };
});
