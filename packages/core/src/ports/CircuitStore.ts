import type { CircuitRecord } from '../circuit.js';

/**
 * The one circuit-breaker record, with a conditional write: `write` stores `next` only if the stored
 * record's `version` still equals `expectedVersion` (0 when none is stored) and returns whether it did.
 */
export interface CircuitStore {
  read(): Promise<CircuitRecord>;
  write(next: CircuitRecord, expectedVersion: number): Promise<boolean>;
}
