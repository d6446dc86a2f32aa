// Preloaded into the profile job (NODE_OPTIONS=--import) by test/e2e/datasetConfinement.test.ts. The
// job's fs.promises.realpath calls, then its fs.promises.open calls, of paths under PAUSE_UNDER wait
// from the first such call until the test says go (all of them: files are read in parallel), so the test can swap a folder after trigger_profile's check and
// before the job locates its folder, or before it opens any file. The job writes
// PAUSE_CONTROL_DIR/<JOB_ID>/paused-<fn> and waits for resume-<fn>; every path it opens is logged in
// opened.log there. Other processes (the stack itself) load this and do nothing.
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import fsPromises from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';

const { PAUSE_CONTROL_DIR, PAUSE_UNDER, JOB_ID } = process.env;
if (PAUSE_CONTROL_DIR && PAUSE_UNDER && JOB_ID && process.argv[1]?.endsWith('profile-job.js')) {
  const control = join(PAUSE_CONTROL_DIR, JOB_ID);
  mkdirSync(control, { recursive: true });
  const pauseOnce = (fn) => {
    const original = fsPromises[fn];
    const resume = join(control, `resume-${fn}`);
    let resumed = false;
    fsPromises[fn] = async (path, ...rest) => {
      if (!resumed && String(path).startsWith(PAUSE_UNDER)) {
        if (!existsSync(join(control, `paused-${fn}`))) writeFileSync(join(control, `paused-${fn}`), String(path));
        while (!existsSync(resume)) await new Promise((done) => setTimeout(done, 20));
        resumed = true;
      }
      // Logged once it goes ahead: what was opened after the test's swap.
      if (fn === 'open') appendFileSync(join(control, 'opened.log'), `${String(path)}\n`);
      return original(path, ...rest);
    };
  };
  pauseOnce('realpath');
  pauseOnce('open');
  syncBuiltinESMExports();
}
