import { describe, expect, it } from 'vitest';
import { closedCircuit, type CircuitRecord } from '../src/circuit.js';
import { CircuitBreaker } from '../src/CircuitBreaker.js';
import { RayUnavailableError } from '../src/errors.js';
import { FixedClock } from '../src/ports/Clock.js';
import type { CircuitStore } from '../src/ports/CircuitStore.js';

/** The smallest CircuitStore with the port's conditional-write rule; the file and DynamoDB stores have contract tests. */
class MemoryCircuitStore implements CircuitStore {
  record: CircuitRecord | undefined;
  constructor(private readonly clock: FixedClock) {}
  async read() {
    return this.record ?? closedCircuit(this.clock.now());
  }
  async write(next: CircuitRecord, expectedVersion: number) {
    if ((this.record?.version ?? 0) !== expectedVersion) return false;
    this.record = { ...next, version: expectedVersion + 1 };
    return true;
  }
}

const setup = () => {
  const clock = new FixedClock(new Date('2026-11-21T12:00:00Z'));
  const store = new MemoryCircuitStore(clock);
  const breaker = new CircuitBreaker(store, clock, { failureThreshold: 2, coolDownMs: 10_000 });
  return { clock, store, breaker };
};

describe('CircuitBreaker', () => {
  it('opens after the failure threshold and answers 503 with Retry-After until the cool-down ends', async () => {
    const { clock, breaker } = setup();
    await breaker.recordFailure('connection refused');
    await expect(breaker.assertClosed()).resolves.toBeUndefined();
    await breaker.recordFailure('connection refused');
    const error = await breaker.assertClosed().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RayUnavailableError);
    expect((error as RayUnavailableError).retryAfterSeconds).toBe(10);
    expect(await breaker.mayCall()).toBe(false);
    clock.advance(10_000);
    await expect(breaker.assertClosed()).resolves.toBeUndefined();
  });

  it('lets exactly one caller probe after the cool-down, and closes on its success', async () => {
    const { clock, breaker } = setup();
    await breaker.recordFailure('x');
    await breaker.recordFailure('x');
    clock.advance(10_000);
    const answers = await Promise.all([breaker.mayCall(), breaker.mayCall(), breaker.mayCall()]);
    expect(answers.filter(Boolean)).toHaveLength(1);
    await breaker.recordSuccess();
    expect((await breaker.read()).state).toBe('closed');
    expect(await breaker.mayCall()).toBe(true);
  });

  it('re-opens when the probe fails', async () => {
    const { clock, breaker } = setup();
    await breaker.recordFailure('x');
    await breaker.recordFailure('x');
    clock.advance(10_000);
    expect(await breaker.mayCall()).toBe(true);
    await breaker.recordFailure('still down');
    const record = await breaker.read();
    expect(record).toMatchObject({ state: 'open', lastError: 'still down' });
    expect(await breaker.mayCall()).toBe(false);
  });

  it('hands the probe to another caller when the first prober never reports back', async () => {
    const { clock, breaker } = setup();
    await breaker.recordFailure('x');
    await breaker.recordFailure('x');
    clock.advance(10_000);
    expect(await breaker.mayCall()).toBe(true);
    // The prober died here: no recordSuccess, no recordFailure.
    expect(await breaker.mayCall()).toBe(false);
    clock.advance(10_000);
    expect(await breaker.mayCall()).toBe(true);
    expect(await breaker.mayCall()).toBe(false);
  });
});
