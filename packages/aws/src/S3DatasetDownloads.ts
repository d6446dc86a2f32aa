import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, realpath, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import { datasetIdProblem, type DatasetLocation, type Datasets } from '@dataset-profiler/core';
import { canHoldKeys, folderPrefix, type S3Location } from './s3Root.js';

export interface S3DatasetDownloadsOptions {
  /** Where the temp folders are made (the job's local disk). */
  tempRoot: string;
  /** A dataset larger than this is refused before anything is downloaded (and cut off if it grows). */
  maxBytes: number;
  /** Objects downloaded at once. */
  concurrency?: number;
  /** Control files of the S3 trigger, not part of the dataset. */
  exclude?: readonly string[];
}

/** The dataset is larger than the job may download. */
export class DatasetTooLargeError extends Error {
  constructor(readonly datasetId: string, readonly maxBytes: number, options?: ErrorOptions) {
    super(`Dataset folder '${datasetId}' is larger than the download limit of ${maxBytes} bytes`, options);
    this.name = 'DatasetTooLargeError';
  }
}

/**
 * The profile job's view of S3 datasets: `locate` downloads the folder's objects into a fresh temp
 * folder of at most `maxBytes` and answers that local path, so the profiler (and the Ray job) reads
 * plain files and needs no shared disk. Object keys that would land outside the temp folder are
 * refused. `dispose` removes every folder it made.
 */
export class S3DatasetDownloads implements Datasets {
  private readonly made: string[] = [];

  constructor(private readonly s3: S3Client, private readonly root: S3Location, private readonly options: S3DatasetDownloadsOptions) {}

  async locate(datasetId: string): Promise<DatasetLocation> {
    if (datasetIdProblem(datasetId)) return { kind: 'outside' };
    const prefix = folderPrefix(this.root, datasetId);
    if (!canHoldKeys(prefix)) return { kind: 'missing' };
    const objects = await this.list(prefix);
    if (objects.length === 0) return { kind: 'missing' };
    const total = objects.reduce((sum, object) => sum + object.size, 0);
    if (total > this.options.maxBytes) throw new DatasetTooLargeError(datasetId, this.options.maxBytes);
    const target = await this.tempFolder();
    const budget = { left: this.options.maxBytes };
    const queue = [...objects];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await this.download(next.key, join(target, next.relativePath), budget, datasetId);
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency ?? 4, queue.length) }, worker));
    return { kind: 'inside', path: target };
  }

  async dispose(): Promise<void> {
    await Promise.all(this.made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  }

  private async list(prefix: string): Promise<{ key: string; relativePath: string; size: number }[]> {
    const excluded = new Set(this.options.exclude ?? []);
    const objects: { key: string; relativePath: string; size: number }[] = [];
    for await (const page of paginateListObjectsV2({ client: this.s3 }, { Bucket: this.root.bucket, Prefix: prefix })) {
      for (const object of page.Contents ?? []) {
        const key = object.Key ?? '';
        const relativePath = key.slice(prefix.length);
        // Folder markers (`a/`) hold no data; a key like `x/../../y` must not escape the temp folder.
        if (relativePath === '' || key.endsWith('/') || excluded.has(relativePath)) continue;
        if (!isConfinedRelative(relativePath)) throw new Error(`object key ${JSON.stringify(key)} leaves its dataset folder`);
        objects.push({ key, relativePath, size: object.Size ?? 0 });
      }
    }
    return objects;
  }

  private async tempFolder(): Promise<string> {
    await mkdir(this.options.tempRoot, { recursive: true });
    const dir = await mkdtemp(join(this.options.tempRoot, 'dataset-'));
    this.made.push(dir);
    // The Datasets port answers real paths: the profiler refuses a root that resolves elsewhere.
    return realpath(dir);
  }

  private async download(key: string, file: string, budget: { left: number }, datasetId: string): Promise<void> {
    await mkdir(dirname(file), { recursive: true });
    const answer = await this.s3.send(new GetObjectCommand({ Bucket: this.root.bucket, Key: key }));
    const limit = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        budget.left -= chunk.length;
        // The folder grew after it was listed: stop rather than fill the disk.
        done(budget.left < 0 ? new DatasetTooLargeError(datasetId, this.options.maxBytes) : null, chunk);
      },
    });
    await pipeline(answer.Body as Readable, limit, createWriteStream(file));
  }
}

/** A key's path below its folder, as a local path: no `..` segment, no backslash or NUL. */
const isConfinedRelative = (path: string): boolean =>
  !path.includes('\0') && !path.includes('\\') && !path.split('/').includes('..');
