/** `npm start`: the whole service on one machine — HTTP API, dispatcher, reconciler, local runner. */
import { fileURLToPath } from 'node:url';
import { parseLocalConfig } from './config.js';
import { startHttpServer } from './httpServer.js';
import { startLoops } from './loops.js';
import { wireLocal } from './wire.js';

const config = parseLocalConfig();
// Built beside this entry point by scripts/build.mjs.
const jobScript = fileURLToPath(new URL('./profile-job.js', import.meta.url));
const { services, runner, specFor } = await wireLocal(config, jobScript);
const server = await startHttpServer({ services, port: config.PORT, host: config.HOST, logger: services.logger });
const loops = startLoops(services, {
  specFor,
  reconcileIntervalMs: config.RECONCILE_INTERVAL_MS,
  reconcile: { resubmitAfterMs: config.RESUBMIT_AFTER_MS, graceMs: config.RECONCILE_GRACE_MS },
});
// The line `npm start` prints when ready (tests and tools wait for its message): where to call, where the docs are.
services.logger.info({ url: server.url, docs: `${server.url}/docs`, data_root: config.DATA_ROOT, data_dir: config.DATA_DIR }, 'dataset profiler listening');

// One request, job event or timer must never stop the stack: the HTTP server, dispatcher and
// reconciler share this process. A stray error is logged (safely) and the process goes
// on. Registered once started: a failing start-up still exits.
const keepRunning = (kind: string) => (error: unknown) => services.logger.error({ err: error }, `${kind}; the stack keeps running`);
process.on('uncaughtException', keepRunning('uncaught exception'));
process.on('unhandledRejection', keepRunning('unhandled promise rejection'));

const shutdown = async (signal: string) => {
  services.logger.info({ signal }, 'shutting down');
  await server.close();
  await loops.stop();
  await runner.close();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
