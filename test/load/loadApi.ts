/**
 * `npm run load`: starts the local stack on a free loopback port and measures trigger_profile and
 * job_status with autocannon at 50 concurrent connections, printing p50/p99 latency and throughput.
 * Options (env): LOAD_CONNECTIONS (50), LOAD_SECONDS (10), LOAD_BACKEND (`embedded`, or `aws`: the
 * stack on the AWS adapters, on fresh resources at AWS_ENDPOINT_URL, e.g. the moto server).
 */
import autocannon from 'autocannon';
import { emulatorCredentials, uniqueAwsNames } from '../support/awsEmulator.js';
import { makeTinyDirs, postJson, specFor, startStack } from '../support/localStack.js';

const connections = Number(process.env.LOAD_CONNECTIONS ?? 50);
const duration = Number(process.env.LOAD_SECONDS ?? 10);
const backend = process.env.LOAD_BACKEND ?? 'embedded';

/** The stack's backend settings: none for the embedded one; fresh, bootstrapped resources for AWS. */
const backendEnv = (): Record<string, string> => {
  if (backend !== 'aws') return {};
  if (!process.env.AWS_ENDPOINT_URL) throw new Error('LOAD_BACKEND=aws needs AWS_ENDPOINT_URL (an emulator such as moto_server)');
  return { ...emulatorCredentials(), ...uniqueAwsNames(), AWS_ENDPOINT_URL: process.env.AWS_ENDPOINT_URL, PROFILER_BACKEND: 'aws', AWS_BOOTSTRAP: 'true' };
};

const run = (title: string, options: autocannon.Options) =>
  new Promise<autocannon.Result>((resolve, reject) =>
    autocannon({ connections, duration, ...options, title }, (error, result) => (error ? reject(error) : resolve(result))),
  );

const report = (result: autocannon.Result) => {
  const { latency, requests } = result;
  const non2xx = result.non2xx + result.errors + result.timeouts;
  console.log(
    `${result.title}: ${requests.total} requests, ${requests.average.toFixed(0)} req/s, ` +
      `p50 ${latency.p50} ms, p99 ${latency.p99} ms, max ${latency.max} ms, non-2xx/errors ${non2xx}`,
  );
};

const dirs = await makeTinyDirs();
// The runner is kept small so that profiling jobs do not take the API's cores.
const stack = await startStack({ DATA_ROOT: dirs.dataRoot, DATA_DIR: dirs.dataDir, LOCAL_RUNNER_CONCURRENCY: '1', ...backendEnv() });
try {
  const body = JSON.stringify({ ...specFor('tiny'), only_light_profile: true });
  const trigger = await run('POST /profiler/trigger_profile', {
    url: `${stack.url}/profiler/trigger_profile`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const { body: job } = await postJson(`${stack.url}/profiler/trigger_profile`, JSON.parse(body));
  const status = await run('GET /profiler/job_status/{job_id}', { url: `${stack.url}/profiler/job_status/${job.job_id}` });
  console.log(`autocannon, ${connections} connections, ${duration} s each, backend ${backend}, Node ${process.version}`);
  report(trigger);
  report(status);
} finally {
  await stack.kill('SIGTERM');
  await dirs.cleanup();
}
