import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@dataset-profiler/core';
import writeFileAtomic from 'write-file-atomic';
import { hasErrorCode } from './errorCode.js';
import { parseLocalJobRecord, type LocalJobRecord } from './localJobRecord.js';

const RECORD_SUFFIX = '.json';

/**
 * The runner's state directory: `jobs/<id>.json` (the record, rewritten atomically on every change)
 * and `logs/<id>.log` (the entrypoint's stdout and stderr). Writes of one job are chained so they
 * land in the order they were made, whatever the file system does.
 */
export class JobStateFiles {
  private readonly jobsDir: string;
  private readonly logsDir: string;
  private readonly writes = new Map<string, Promise<void>>();

  constructor(stateDir: string, private readonly logger?: Pick<Logger, 'warn'>) {
    this.jobsDir = join(stateDir, 'jobs');
    this.logsDir = join(stateDir, 'logs');
  }

  async init(): Promise<void> {
    await Promise.all([mkdir(this.jobsDir, { recursive: true }), mkdir(this.logsDir, { recursive: true })]);
  }

  logPath(submissionId: string): string {
    return join(this.logsDir, `${encodeURIComponent(submissionId)}.log`);
  }

  /** Queues a write of the record as it is now; resolves when that write is on disk. */
  save(record: LocalJobRecord): Promise<void> {
    const snapshot = JSON.stringify(record);
    const file = join(this.jobsDir, `${encodeURIComponent(record.submissionId)}${RECORD_SUFFIX}`);
    const previous = this.writes.get(record.submissionId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => writeFileAtomic(file, snapshot));
    this.writes.set(record.submissionId, next);
    void next.finally(() => {
      if (this.writes.get(record.submissionId) === next) this.writes.delete(record.submissionId);
    }).catch(() => undefined);
    return next;
  }

  /** Resolves once the queued writes of one job have finished (failures are reported where they were queued). */
  async settled(submissionId: string): Promise<void> {
    await this.writes.get(submissionId)?.catch(() => undefined);
  }

  /** Resolves once every queued write has finished (failures are reported where they were queued). */
  async flush(): Promise<void> {
    await Promise.allSettled([...this.writes.values()]);
  }

  async loadAll(): Promise<LocalJobRecord[]> {
    const names = (await readdir(this.jobsDir)).filter((name) => name.endsWith(RECORD_SUFFIX));
    const records: LocalJobRecord[] = [];
    for (const name of names) {
      const file = join(this.jobsDir, name);
      try {
        records.push(parseLocalJobRecord(JSON.parse(await readFile(file, 'utf8')), file));
      } catch (error) {
        this.logger?.warn({ err: error, file }, 'skipping an unreadable local runner job record');
      }
    }
    return records.sort((a, b) => a.sequence - b.sequence);
  }

  async readLogs(submissionId: string): Promise<string> {
    try {
      return await readFile(this.logPath(submissionId), 'utf8');
    } catch (error) {
      if (hasErrorCode(error, 'ENOENT')) return '';
      throw error;
    }
  }
}
