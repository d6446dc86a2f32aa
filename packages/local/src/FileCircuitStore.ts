import { join } from 'node:path';
import { z } from 'zod';
import { closedCircuit, StoredCircuitSchema, SystemClock, type CircuitRecord, type CircuitStore, type Clock } from '@dataset-profiler/core';
import { ensureDir, readJsonIfExists, writeJsonAtomic } from './fs/atomicFile.js';
import { KeyedMutex } from './fs/KeyedMutex.js';

const LOCK = 'circuit';

/**
 * The circuit-breaker record as one JSON file, `<dir>/circuit.json`. Conditional writes are exact
 * within one process (an in-process lock around check-and-rename); one process writes the directory.
 */
export class FileCircuitStore implements CircuitStore {
  private readonly file: string;
  private readonly lock = new KeyedMutex();

  constructor(
    private readonly dir: string,
    private readonly clock: Clock = new SystemClock(),
  ) {
    this.file = join(dir, 'circuit.json');
  }

  async read(): Promise<CircuitRecord> {
    return (await this.readStored()) ?? closedCircuit(this.clock.now());
  }

  async write(next: CircuitRecord, expectedVersion: number): Promise<boolean> {
    return this.lock.run(LOCK, async () => {
      const storedVersion = (await this.readStored())?.version ?? 0;
      if (storedVersion !== expectedVersion) return false;
      await ensureDir(this.dir);
      await writeJsonAtomic(this.file, { ...next, version: expectedVersion + 1 });
      return true;
    });
  }

  private async readStored(): Promise<CircuitRecord | undefined> {
    const raw = await readJsonIfExists(this.file);
    if (raw === undefined) return undefined;
    const parsed = StoredCircuitSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`Invalid circuit record in ${this.file}: ${z.prettifyError(parsed.error)}`, { cause: parsed.error });
    return parsed.data;
  }
}
