import type { Services } from '../services.js';

export interface HealthReport {
  status: 'healthy' | 'degraded';
  checks: Record<string, { status: 'up' | 'down'; detail?: string }>;
}

const probe = async (run: () => Promise<unknown>): Promise<{ status: 'up' | 'down'; detail?: string }> => {
  try {
    await run();
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', detail: error instanceof Error ? error.message : String(error) };
  }
};

/** A dependency report; never throws, so the route always answers 200. */
export const checkHealth = async (s: Pick<Services, 'jobs' | 'profiles' | 'ray' | 'circuit'>): Promise<HealthReport> => {
  const circuit = await s.circuit.read().catch(() => undefined);
  const checks: HealthReport['checks'] = {
    job_store: await probe(() => s.jobs.get('00000000-0000-0000-0000-000000000000')),
    profile_store: await probe(() => s.profiles.exists('health/probe.json')),
    runner: await probe(() => s.ray.ping()),
    circuit: circuit
      ? { status: circuit.state === 'closed' ? 'up' : 'down', detail: circuit.state + (circuit.lastError ? `: ${circuit.lastError}` : '') }
      : { status: 'down', detail: 'circuit record unreadable' },
  };
  const healthy = Object.values(checks).every((check) => check.status === 'up');
  return { status: healthy ? 'healthy' : 'degraded', checks };
};
