import { describe, expect } from 'vitest';
import { afterFailure, CIRCUIT_STATE, closedCircuit, type CircuitStore } from '@dataset-profiler/core';
import { caseRunner, freshEach, type SkippedCase } from './contractKit.js';

export interface CircuitStoreContractOptions {
  /** A fresh store holding no record, for each case. */
  make: () => Promise<{ circuit: CircuitStore; cleanup?: () => Promise<void> }>;
  skip?: readonly SkippedCase[];
}

const policy = { failureThreshold: 1, coolDownMs: 30_000 };
const opened = (version: number) => ({ ...afterFailure(closedCircuit(new Date()), 'connection refused', new Date(), policy), version });

/** What every CircuitStore must do; run it against each implementation. */
export const circuitStoreContract = ({ make, skip }: CircuitStoreContractOptions): void => {
  const test = caseRunner(skip);
  const subject = freshEach(make);
  const circuit = () => subject().circuit;

  describe('CircuitStore contract', () => {
    test('reads a closed circuit at version 0 when nothing is stored', async () => {
      expect(await circuit().read()).toMatchObject({ state: CIRCUIT_STATE.CLOSED, failures: 0, version: 0 });
    });

    test('stores a write at the expected version as the next version', async () => {
      const next = opened(0);
      expect(await circuit().write(next, 0)).toBe(true);
      expect(await circuit().read()).toEqual({ ...next, version: 1 });
    });

    test('refuses a write at a stale version', async () => {
      expect(await circuit().write(opened(0), 0)).toBe(true);
      expect(await circuit().write(closedCircuit(new Date()), 0)).toBe(false);
      expect(await circuit().read()).toMatchObject({ state: CIRCUIT_STATE.OPEN, version: 1 });
      expect(await circuit().write(closedCircuit(new Date()), 1)).toBe(true);
      expect(await circuit().read()).toMatchObject({ state: CIRCUIT_STATE.CLOSED, version: 2 });
    });

    test('lets exactly one of concurrent writes at one version win', async () => {
      await circuit().write(opened(0), 0);
      const results = await Promise.all(Array.from({ length: 10 }, (_, n) => circuit().write({ ...opened(1), failures: n }, 1)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await circuit().read()).version).toBe(2);
    });
  });
};
