import { readdir, readFile, stat } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetTooLargeError, S3DatasetDownloads, S3Datasets } from '@dataset-profiler/aws';
import { describeWithService } from '../support/externalService.js';
import { HOSTILE_DATASET_IDS } from '../support/hostileDatasetIds.js';
import { createBucket, motoClients, type Moto } from './support/moto.js';

const ROOT_PREFIX = 'datasets';
const WEATHER = { 'weather/readings.csv': 'station,temp\nA,21.5\n', 'weather/notes/readme.md': '# Readings\n', 'weather/profile_specification.json': '{}' };

describeWithService('AWS_ENDPOINT_URL', 'S3 datasets on the emulator', (endpoint) => {
  let m: Moto;
  let bucket: string;
  let tempRoot: string;

  beforeAll(async () => {
    m = motoClients(endpoint);
    bucket = await createBucket(m);
    const objects: Record<string, string> = { ...WEATHER, 'weather2/other.csv': 'a\n1\n', 'outside.csv': 'x\n' };
    for (const [key, body] of Object.entries(objects)) {
      await m.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key === 'outside.csv' ? key : `${ROOT_PREFIX}/${key}`, Body: body }));
    }
    tempRoot = await mkdtemp(join(tmpdir(), 's3-datasets-'));
  });
  afterAll(() => rm(tempRoot, { recursive: true, force: true }));

  describe('S3Datasets.locate', () => {
    it('answers the s3:// URI of a folder that holds objects', async () => {
      const datasets = new S3Datasets(m.s3, { bucket, prefix: ROOT_PREFIX });
      expect(await datasets.locate('weather')).toEqual({ kind: 'inside', path: `s3://${bucket}/${ROOT_PREFIX}/weather/` });
      expect(await datasets.locate('weather/notes')).toEqual({ kind: 'inside', path: `s3://${bucket}/${ROOT_PREFIX}/weather/notes/` });
    });

    it('answers missing for an empty prefix, and for a prefix that only starts another folder', async () => {
      const datasets = new S3Datasets(m.s3, { bucket, prefix: ROOT_PREFIX });
      expect(await datasets.locate('nothing-here')).toEqual({ kind: 'missing' });
      expect(await datasets.locate('weath')).toEqual({ kind: 'missing' });
      // 1,222 bytes of UTF-8: longer than any S3 key can be, so missing without a listing.
      expect(await datasets.locate(`${'é'.repeat(255)}/${'é'.repeat(255)}/${'é'.repeat(100)}`)).toEqual({ kind: 'missing' });
    });

    it('answers outside for ids that leave the root, with the rules of folders', async () => {
      const datasets = new S3Datasets(m.s3, { bucket, prefix: ROOT_PREFIX });
      const ids = ['../outside.csv', 'weather/../../outside.csv', '/datasets/weather', 'weather\\..\\..', '', ...HOSTILE_DATASET_IDS.map((hostile) => hostile.id)];
      for (const id of ids) expect(await datasets.locate(id), id).toEqual({ kind: 'outside' });
    });
  });

  describe('S3DatasetDownloads', () => {
    it('downloads the folder into a fresh temp folder, without the trigger control files, and removes it on dispose', async () => {
      const downloads = new S3DatasetDownloads(m.s3, { bucket, prefix: ROOT_PREFIX }, { tempRoot, maxBytes: 1024, exclude: ['profile_specification.json'] });
      const location = await downloads.locate('weather');
      if (location.kind !== 'inside') throw new Error(`expected a folder, got ${location.kind}`);
      expect(location.path.startsWith(tempRoot)).toBe(true);
      expect((await readdir(location.path, { recursive: true })).sort()).toEqual(['notes', join('notes', 'readme.md'), 'readings.csv']);
      expect(await readFile(join(location.path, 'readings.csv'), 'utf8')).toBe(WEATHER['weather/readings.csv']);
      await downloads.dispose();
      await expect(stat(location.path)).rejects.toThrow(/ENOENT/);
    });

    it('refuses a folder larger than the limit before downloading anything', async () => {
      const downloads = new S3DatasetDownloads(m.s3, { bucket, prefix: ROOT_PREFIX }, { tempRoot: join(tempRoot, 'small'), maxBytes: 10 });
      await expect(downloads.locate('weather')).rejects.toThrow(DatasetTooLargeError);
      await expect(stat(join(tempRoot, 'small'))).rejects.toThrow(/ENOENT/);
    });

    it('refuses a folder holding a key whose `..` segments would land outside the temp folder', async () => {
      await m.s3.send(new PutObjectCommand({ Bucket: bucket, Key: `${ROOT_PREFIX}/hostile/../../escape.txt`, Body: 'x' }));
      const downloads = new S3DatasetDownloads(m.s3, { bucket, prefix: ROOT_PREFIX }, { tempRoot: join(tempRoot, 'hostile'), maxBytes: 1024 });
      await expect(downloads.locate('hostile')).rejects.toThrow(/leaves its dataset folder/);
      await expect(stat(join(tempRoot, 'escape.txt'))).rejects.toThrow(/ENOENT/);
    });

    it('answers missing and outside as S3Datasets does', async () => {
      const downloads = new S3DatasetDownloads(m.s3, { bucket, prefix: ROOT_PREFIX }, { tempRoot, maxBytes: 1024 });
      expect(await downloads.locate('nothing-here')).toEqual({ kind: 'missing' });
      for (const { id } of HOSTILE_DATASET_IDS) expect(await downloads.locate(id), id).toEqual({ kind: 'outside' });
      expect(await downloads.locate(`${'é'.repeat(255)}/${'é'.repeat(255)}/${'é'.repeat(100)}`)).toEqual({ kind: 'missing' });
      expect((await readdir(tempRoot)).filter((name) => name.startsWith('dataset-'))).toEqual([]);
    });
  });
});
