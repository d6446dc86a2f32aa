import { checkHealth, type Services } from '@dataset-profiler/core';
import type { Endpoint } from '../http/httpHandler.js';
import { json } from '../http/responses.js';

/** GET /: the process answers. */
export const livenessEndpoint = (): Endpoint =>
  async function livenessHandler() {
    return json({ service: 'dataset-profiler', status: 'ok' });
  };

/** GET /monitoring/ready: ready to take requests; calls no dependency, so a slow store cannot flap it. */
export const readinessEndpoint = (): Endpoint =>
  async function readinessHandler() {
    return json({ status: 'ready' });
  };

/** GET /monitoring/health-check: each dependency's state; always 200, `degraded` says the rest. */
export const healthCheckEndpoint = (s: Services): Endpoint =>
  async function healthCheckHandler() {
    return json(await checkHealth(s));
  };
