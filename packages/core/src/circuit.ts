/** The Ray circuit breaker's record and its pure policy. */

export const CIRCUIT_STATE = { CLOSED: 'closed', OPEN: 'open', HALF_OPEN: 'half_open' } as const;
export type CircuitState = (typeof CIRCUIT_STATE)[keyof typeof CIRCUIT_STATE];

export interface CircuitRecord {
  state: CircuitState;
  failures: number;
  /** ISO time after which one probe may try the runner again (open state). */
  retryAt?: string;
  lastError?: string;
  updatedAt: string;
  version: number;
}

export interface CircuitPolicy {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before a probe is allowed. */
  coolDownMs: number;
}

export const closedCircuit = (now: Date): CircuitRecord => ({
  state: CIRCUIT_STATE.CLOSED,
  failures: 0,
  updatedAt: now.toISOString(),
  version: 0,
});

/** Whether callers should be turned away now (open, cool-down not over). */
export const isCircuitOpen = (record: CircuitRecord, now: Date): boolean =>
  record.state === CIRCUIT_STATE.OPEN && (!record.retryAt || now.getTime() < Date.parse(record.retryAt));

/** Seconds until the next probe, for Retry-After (at least 1). */
export const retryAfterSeconds = (record: CircuitRecord, now: Date): number =>
  Math.max(1, Math.ceil(((record.retryAt ? Date.parse(record.retryAt) : now.getTime()) - now.getTime()) / 1000));

export const afterFailure = (record: CircuitRecord, error: string, now: Date, policy: CircuitPolicy): CircuitRecord => {
  const failures = record.failures + 1;
  const opens = record.state === CIRCUIT_STATE.HALF_OPEN || failures >= policy.failureThreshold;
  return {
    state: opens ? CIRCUIT_STATE.OPEN : record.state,
    failures,
    ...(opens ? { retryAt: new Date(now.getTime() + policy.coolDownMs).toISOString() } : {}),
    lastError: error,
    updatedAt: now.toISOString(),
    version: record.version,
  };
};

export const afterSuccess = (record: CircuitRecord, now: Date): CircuitRecord => ({
  ...closedCircuit(now),
  version: record.version,
});

/** Open with the cool-down over: the one caller that wins this write may probe. */
export const toHalfOpen = (record: CircuitRecord, now: Date): CircuitRecord => ({
  ...record,
  state: CIRCUIT_STATE.HALF_OPEN,
  updatedAt: now.toISOString(),
});
