import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CIRCUIT_STATE, closedCircuit, FixedClock } from '@dataset-profiler/core';
import { FileCircuitStore } from '../src/FileCircuitStore.js';
import { makeTempDir } from '../../../test/contracts/contractKit.js';

describe('Class: FileCircuitStore', () => {
  let dir: string;
  let remove: () => Promise<void>;

  beforeEach(async () => {
    ({ dir, remove } = await makeTempDir('file-circuit-store'));
  });
  afterEach(() => remove());

  it('reads a closed circuit stamped with its clock when nothing is stored', async () => {
    const now = new Date('2025-03-01T12:00:00Z');
    expect(await new FileCircuitStore(dir, new FixedClock(now)).read()).toEqual(closedCircuit(now));
  });

  it('keeps the record across a restart', async () => {
    const open = { ...closedCircuit(new Date()), state: CIRCUIT_STATE.OPEN, failures: 3, lastError: 'timeout', retryAt: new Date().toISOString() };
    expect(await new FileCircuitStore(dir).write(open, 0)).toBe(true);
    const restarted = new FileCircuitStore(dir);
    expect(await restarted.read()).toEqual({ ...open, version: 1 });
    expect(await restarted.write(closedCircuit(new Date()), 0)).toBe(false);
  });

  it('rejects a stored record that is not a circuit', async () => {
    await writeFile(join(dir, 'circuit.json'), JSON.stringify({ state: 'ajar' }));
    await expect(new FileCircuitStore(dir).read()).rejects.toThrow(/Invalid circuit record/);
  });
});
