import { describe, expect, it } from 'vitest';
import { loadAwsConfig } from '@dataset-profiler/aws';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLocalConfig, wireLocal } from '@dataset-profiler/local';
import { PROFILER_PROCESS_ENV } from '@dataset-profiler/profiler/process-environment';
import { parseLambdaConfig } from '../../functions/aws/config.js';
import { rayJobSpec } from '../../functions/aws/rayJobSpec.js';
import { parseJobConfig } from '../../functions/job/jobConfig.js';
import { aJob, JOB_ID } from '../http/support/fixtures.js';

const DEPLOYED = {
  JOBS_TABLE: 'app-prod-JobsTable-abc',
  REQUESTS_QUEUE: 'https://sqs.eu-west-1.amazonaws.com/123456789012/app-prod-Requests',
  REQUESTS_DLQ: 'https://sqs.eu-west-1.amazonaws.com/123456789012/app-prod-RequestsDeadLetters',
  EVENTS_QUEUE: 'https://sqs.eu-west-1.amazonaws.com/123456789012/app-prod-Events',
  EVENTS_DLQ: 'https://sqs.eu-west-1.amazonaws.com/123456789012/app-prod-EventsDeadLetters',
  PROFILES_BUCKET: 'app-prod-profilesbucket-xyz',
  DATA_ROOT: 's3://app-prod-databucket-xyz/datasets',
  RAY_ADDRESS: 'http://ray-head.internal:8265',
  AWS_REGION: 'eu-west-1',
  DB_ALLOWED_HOSTS: 'db.example.org,10.0.5.0/24',
  DB_CREDENTIALS_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:profiler-db-AbCdEf',
  DB_SSL: 'require',
};

describe('the Ray submission the dispatcher makes on AWS', () => {
  it("hands the job what its AWS wiring reads, as the job's entry point parses it", () => {
    const spec = rayJobSpec(parseLambdaConfig(DEPLOYED))(aJob());
    expect(spec).toMatchObject({ submissionId: JOB_ID, entrypoint: 'node --enable-source-maps /opt/dataset-profiler/dist/profile-job.js' });
    // Ray adds its GCS address as RAY_ADDRESS; the job entry ignores it (packages/local/src/profileJob.ts).
    const jobEnv = { ...spec.env, RAY_ADDRESS: undefined };
    expect(parseLocalConfig(jobEnv)).toMatchObject({
      PROFILER_BACKEND: 'aws', DATA_ROOT: DEPLOYED.DATA_ROOT, DATASET_DOWNLOAD_MAX_BYTES: 10 * 1024 ** 3, DB_ALLOWED_HOSTS: ['db.example.org', '10.0.5.0/24'],
    });
    // The secret's name travels, never credentials: the job reads them from Secrets Manager itself.
    expect(parseJobConfig(jobEnv)).toMatchObject({ credentials: { secretArn: DEPLOYED.DB_CREDENTIALS_SECRET_ARN }, database: { tls: { mode: 'require' } } });
    expect(spec.env).not.toHaveProperty('DB_CREDENTIALS');
    expect(loadAwsConfig(jobEnv)).toMatchObject({
      AWS_REGION: 'eu-west-1',
      JOBS_TABLE: DEPLOYED.JOBS_TABLE,
      EVENTS_QUEUE: DEPLOYED.EVENTS_QUEUE,
      PROFILES_BUCKET: DEPLOYED.PROFILES_BUCKET,
    });
    expect(Object.values(spec.env ?? {}).every((value) => typeof value === 'string')).toBe(true);
  });

  it('starts the job with the allocator settings a profiling process needs', () => {
    const spec = rayJobSpec(parseLambdaConfig(DEPLOYED))(aJob());
    expect(spec.env).toMatchObject({ MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' });
  });

  it('refuses a Lambda configuration without an s3:// data root or a Ray address, naming the variable', () => {
    expect(() => parseLambdaConfig({ ...DEPLOYED, DATA_ROOT: '/mnt/data' })).toThrow(/DATA_ROOT: must be an s3:\/\/bucket\/prefix URI/);
    expect(() => parseLambdaConfig({ ...DEPLOYED, RAY_ADDRESS: undefined })).toThrow(/RAY_ADDRESS/);
  });
});

describe('the job the local runner starts', () => {
  it('gets the allocator settings a profiling process needs, beside its own variables', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-spec-'));
    try {
      const config = parseLocalConfig({ DATA_DIR: join(dir, 'state'), DATA_ROOT: join(dir, 'data'), RAY_ADDRESS: '' });
      const { specFor, runner } = await wireLocal(config, '/opt/profile-job.js');
      const spec = specFor(aJob());
      await runner.close();
      expect(spec.env).toMatchObject({ ...PROFILER_PROCESS_ENV, JOB_ID: JOB_ID, DATA_ROOT: join(dir, 'data') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
