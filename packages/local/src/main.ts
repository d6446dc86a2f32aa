/** `npm start`: the whole service on one machine — HTTP API, dispatcher, reconciler, local runner. */
import { fileURLToPath } from 'node:url';
import { loadAwsConfig } from '@dataset-profiler/aws';
import { parseLocalConfig } from './config.js';
import { startHttpServer } from './httpServer.js';
import { startLoops } from './loops.js';
import { wireAwsStack, wireLocal } from './wire.js';

const config = parseLocalConfig();
// Built beside this entry point by scripts/build.mjs.
const jobScript = fileURLToPath(new URL('./profile-job.js', import.meta.url));
const { services, runner, specFor } =
  config.PROFILER_BACKEND === 'aws' ? await wireAwsStack(config, loadAwsConfig(), jobScript) : await wireLocal(config, jobScript);
const server = await startHttpServer({ services, port: config.PORT, host: config.HOST, logger: services.logger });
const loops = startLoops(services, {
  specFor,
  reconcileIntervalMs: config.RECONCILE_INTERVAL_MS,
  reconcile: { resubmitAfterMs: config.RESUBMIT_AFTER_MS, graceMs: config.RECONCILE_GRACE_MS },
});
services.logger.info({ url: server.url, backend: config.PROFILER_BACKEND, data_root: config.DATA_ROOT, data_dir: config.DATA_DIR }, 'dataset profiler listening');

const shutdown = async (signal: string) => {
  services.logger.info({ signal }, 'shutting down');
  await server.close();
  await loops.stop();
  await runner.close();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
