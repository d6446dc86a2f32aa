// Preloaded into profile jobs by the hostile-files test (NODE_OPTIONS=--import): appends the job's
// exit code, wall time and peak RSS to JOB_USAGE_FILE when it exits. A job killed by the OS or by
// V8 writes nothing, which the test reports as such.
import { appendFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const target = process.env.JOB_USAGE_FILE;
if (isMainThread && target && process.env.JOB_ID) {
  process.once('exit', (code) => {
    const usage = { jobId: process.env.JOB_ID, code, wallMs: Math.round(process.uptime() * 1000), maxRssKb: process.resourceUsage().maxRSS };
    appendFileSync(target, `${JSON.stringify(usage)}\n`);
  });
}
