import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import JSZip from 'jszip';
import { RayRequestRejectedError } from '../errors.js';
import type { RayHttpClient } from './RayHttpClient.js';

/** The dashboard's request body limit (`client_max_size`, platform-notes §1.5). */
const MAX_PACKAGE_BYTES = 100 * 1024 * 1024;

const filesUnder = async (root: string): Promise<string[]> =>
  (await readdir(root, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();

/**
 * A local folder shipped to Ray as a job's working_dir, the way the Python SDK does it over REST: zipped
 * with its files at the root, named after a hash of its contents (identical trees share one package),
 * uploaded to the GCS unless Ray already has it. `uri()` before each submission: the existence check
 * also pins the package for Ray's 10-minute window, so it cannot be collected before the job starts.
 */
export class WorkingDirPackage {
  private built: Promise<{ name: string; bytes: Buffer }> | undefined;

  constructor(
    private readonly http: RayHttpClient,
    private readonly dir: string,
  ) {}

  async uri(): Promise<string> {
    const { name, bytes } = await (this.built ??= this.build());
    const path = `/api/packages/gcs/${name}`;
    const present = await this.http.call('GET', path);
    if (present.status === 404) {
      const stored = await this.http.call('PUT', path, bytes);
      if (stored.status !== 200) throw new RayRequestRejectedError(`store the package ${name}`, stored.status, stored.body);
    } else if (present.status !== 200) {
      throw new RayRequestRejectedError(`look up the package ${name}`, present.status, present.body);
    }
    return `gcs://${name}`;
  }

  private async build(): Promise<{ name: string; bytes: Buffer }> {
    const zip = new JSZip();
    const hash = createHash('sha256');
    for (const file of await filesUnder(this.dir)) {
      const content = await readFile(join(this.dir, file));
      hash.update(file).update('\0').update(content);
      // A fixed date keeps the archive's bytes a function of the tree alone.
      zip.file(file, content, { date: new Date(0), binary: true });
    }
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    if (bytes.length > MAX_PACKAGE_BYTES) throw new Error(`the working_dir ${this.dir} zips to ${bytes.length} bytes, over Ray's 100 MiB upload limit`);
    return { name: `_ray_pkg_${hash.digest('hex').slice(0, 32)}.zip`, bytes };
  }
}
