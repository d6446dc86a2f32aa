import {
  afterFailure,
  afterSuccess,
  CIRCUIT_STATE,
  isCircuitOpen,
  retryAfterSeconds,
  toHalfOpen,
  type CircuitPolicy,
  type CircuitRecord,
} from './circuit.js';
import { RayUnavailableError } from './errors.js';
import type { CircuitStore } from './ports/CircuitStore.js';
import type { Clock } from './ports/Clock.js';

export const defaultCircuitPolicy: CircuitPolicy = { failureThreshold: 3, coolDownMs: 30_000 };

/**
 * The Ray circuit breaker over its stored record. Writes are conditional, so concurrent callers
 * (API, dispatcher, reconciler) agree on one state and exactly one of them wins the half-open probe.
 */
export class CircuitBreaker {
  constructor(
    private readonly store: CircuitStore,
    private readonly clock: Clock,
    private readonly policy: CircuitPolicy = defaultCircuitPolicy,
  ) {}

  read(): Promise<CircuitRecord> {
    return this.store.read();
  }

  /** For the API: throws RayUnavailableError (503 with Retry-After) while the circuit is open. */
  async assertClosed(): Promise<void> {
    const record = await this.store.read();
    const now = this.clock.now();
    if (isCircuitOpen(record, now)) {
      throw new RayUnavailableError(retryAfterSeconds(record, now), `The profiling cluster is unavailable: ${record.lastError ?? 'circuit open'}`);
    }
  }

  /**
   * For the dispatcher and reconciler: may the runner be called now? Closed: yes. Open and cooling
   * down: no. Open and cooled down: only the caller that wins the move to half-open (the probe).
   * Half-open: no, until the probe has been silent for a cool-down.
   */
  async mayCall(): Promise<boolean> {
    const record = await this.store.read();
    const now = this.clock.now();
    if (record.state === CIRCUIT_STATE.CLOSED) return true;
    // A probe that never reported back (its caller died) is taken over after one cool-down.
    const probeDue =
      record.state === CIRCUIT_STATE.OPEN
        ? !isCircuitOpen(record, now)
        : now.getTime() - Date.parse(record.updatedAt) >= this.policy.coolDownMs;
    return probeDue && this.store.write(toHalfOpen(record, now), record.version);
  }

  async recordSuccess(): Promise<void> {
    await this.update((record, now) => (record.state === CIRCUIT_STATE.CLOSED && record.failures === 0 ? undefined : afterSuccess(record, now)));
  }

  async recordFailure(error: string): Promise<void> {
    await this.update((record, now) => afterFailure(record, error, now, this.policy));
  }

  private async update(next: (record: CircuitRecord, now: Date) => CircuitRecord | undefined): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const record = await this.store.read();
      const updated = next(record, this.clock.now());
      if (!updated || (await this.store.write(updated, record.version))) return;
    }
  }
}
