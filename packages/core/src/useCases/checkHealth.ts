import type { Services } from '../services.js';

export interface HealthReport {
  status: 'healthy' | 'degraded';
  checks: Record<string, { status: 'up' | 'down'; detail?: string }>;
}

/** The route is unauthenticated: clients see the error's class only, the logs get the whole error. */
const probe = async (name: string, s: Pick<Services, 'logger'>, run: () => Promise<unknown>): Promise<{ status: 'up' | 'down'; detail?: string }> => {
  try {
    await run();
    return { status: 'up' };
  } catch (error) {
    s.logger.warn({ err: error, dependency: name }, 'health check: dependency down');
    return { status: 'down', detail: error instanceof Error ? error.name : 'Error' };
  }
};

/** A dependency report; never throws, so the route always answers 200. */
export const checkHealth = async (s: Pick<Services, 'jobs' | 'profiles' | 'ray' | 'circuit' | 'logger'>): Promise<HealthReport> => {
  const circuit = await s.circuit.read().catch(() => undefined);
  const checks: HealthReport['checks'] = {
    job_store: await probe('job_store', s, () => s.jobs.get('00000000-0000-0000-0000-000000000000')),
    profile_store: await probe('profile_store', s, () => s.profiles.exists('health/probe.json')),
    runner: await probe('runner', s, () => s.ray.ping()),
    circuit: circuit
      ? { status: circuit.state === 'closed' ? 'up' : 'down', detail: circuit.state }
      : { status: 'down', detail: 'circuit record unreadable' },
  };
  const healthy = Object.values(checks).every((check) => check.status === 'up');
  return { status: healthy ? 'healthy' : 'degraded', checks };
};
