import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { S3Datasets, S3ProfileStore, wireAws } from '@dataset-profiler/aws';
import { JOB_STATUS, profileKeys, silentLogger, type Services } from '@dataset-profiler/core';
import { LocalRayJobs } from '@dataset-profiler/ray';
import { freshAwsResources, type AwsTestResources } from '../support/awsEmulator.js';
import { describeWithService } from '../support/externalService.js';
import { aJob, JOB_ID } from '../http/support/fixtures.js';
import { uniqueName } from './support/moto.js';

const JOB_SCRIPT = resolve(import.meta.dirname, '../../dist/profile-job.js');

/**
 * The profile job as Ray runs it on AWS (dist/profile-job.js, PROFILER_BACKEND=aws): its dataset is an
 * S3 prefix, downloaded into a bounded temp folder; nothing is read from a shared disk.
 */
describeWithService('AWS_ENDPOINT_URL', 'the profile job with DATA_ROOT=s3://… (emulator)', (endpoint) => {
  let aws: AwsTestResources;
  let services: Services;
  let dataBucket: string;
  let scratch: string;

  beforeAll(async () => {
    aws = await freshAwsResources(endpoint);
    dataBucket = uniqueName('data');
    await aws.clients.s3.send(new CreateBucketCommand({ Bucket: dataBucket }));
    const objects = {
      'datasets/weather/readings.csv': 'station,temp\nA,21.5\nB,19.0\n',
      'datasets/weather/notes/readme.md': '# Readings\nHourly temperatures.\n',
      'datasets/weather/profile_specification.json': '{}',
    };
    for (const [Key, Body] of Object.entries(objects)) await aws.clients.s3.send(new PutObjectCommand({ Bucket: dataBucket, Key, Body }));
    scratch = await mkdtemp(join(tmpdir(), 's3-profile-job-'));
    services = await wireAws(aws.config, { ray: new LocalRayJobs({ stateDir: join(scratch, 'unused-runner') }), datasets: new S3Datasets(aws.clients.s3, { bucket: dataBucket, prefix: 'datasets' }), logger: silentLogger, clients: aws.clients });
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
    await aws?.cleanup();
  });

  const runJob = (extra: Record<string, string>) =>
    promisify(execFile)(process.execPath, [JOB_SCRIPT], {
      cwd: scratch,
      env: { PATH: process.env.PATH, ...aws.env, PROFILER_BACKEND: 'aws', JOB_ID, DATA_ROOT: `s3://${dataBucket}/datasets`, DATA_DIR: join(scratch, 'no-shared-disk'), LOG_LEVEL: 'silent', RAY_ADDRESS: '127.0.0.1:6380', ...extra },
    }).then(
      () => 0,
      (error: { code?: number }) => error.code ?? -1,
    );

  it('downloads the dataset, profiles it into S3, reports its events on SQS, and leaves no temp folder', async () => {
    const downloads = join(scratch, 'downloads');
    await services.jobs.create(aJob({ status: JOB_STATUS.STARTING }));
    expect(await runJob({ DATASET_DOWNLOAD_DIR: downloads })).toBe(0);

    const heavy = (await new S3ProfileStore(aws.clients.s3, aws.config.PROFILES_BUCKET).get(profileKeys.heavy(JOB_ID))) as { distribution: { name?: string; contentUrl?: string }[] };
    const files = heavy.distribution.map((entry) => entry.contentUrl ?? entry.name).filter(Boolean).join(' ');
    expect(files).toContain('readings.csv');
    expect(files).toContain('readme.md');
    expect(files).not.toContain('profile_specification.json');
    const events = (await services.events.receive({ max: 10, waitMs: 1000 })).map((m) => (m.body as { type: string }).type);
    expect(events).toContain('HEAVY_PROFILES_READY');
    expect(await readdir(downloads)).toEqual([]);
  });

  it('fails the job at the locate step when the dataset is larger than the download limit', async () => {
    expect(await runJob({ DATASET_DOWNLOAD_MAX_BYTES: '10' })).toBe(1);
    const events = (await services.events.receive({ max: 10, waitMs: 1000 })).map((m) => m.body as { type: string; message?: string; additionalDetails?: { step?: string } });
    expect(events.find((e) => e.type === 'FAILED')).toMatchObject({ message: expect.stringMatching(/larger than the download limit/), additionalDetails: { step: 'locate' } });
  });
});
