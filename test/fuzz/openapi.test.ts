import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { describeWithService } from '../support/externalService.js';
import { makeTinyDirs } from '../support/localStack.js';
import { useLocalStack } from '../support/useLocalStack.js';

/** Per operation and phase, with a fixed seed: about 1700 test cases, a minute and a half on two idle cores. */
const MAX_EXAMPLES = 100;
const SEED = 20261203;
/** schemathesis_hooks.py and schemathesis.toml. */
const HOOKS_DIR = resolve(import.meta.dirname);

interface CheckResult {
  name: string;
  status: string;
}
interface Summary {
  cases: number;
  checks: Map<string, { success: number; failure: number }>;
  failures: { check: string; operation: string }[];
  /** Errors that are not check results (a request that timed out, a connection the server dropped, …); each fails the run. */
  errors: { operation: string; error: string }[];
}

/** Reads schemathesis' NDJSON event report: test cases, and every check result by name. */
const summarise = (ndjson: string): Summary => {
  const summary: Summary = { cases: 0, checks: new Map(), failures: [], errors: [] };
  for (const line of ndjson.split('\n').filter(Boolean)) {
    const event = JSON.parse(line) as {
      ScenarioFinished?: { recorder?: { label?: string; cases?: object; checks?: Record<string, CheckResult[]> } };
      NonFatalError?: { label?: string; value?: unknown };
    };
    if (event.NonFatalError) summary.errors.push({ operation: event.NonFatalError.label ?? '?', error: JSON.stringify(event.NonFatalError.value) });
    const recorder = event.ScenarioFinished?.recorder;
    if (!recorder) continue;
    summary.cases += Object.keys(recorder.cases ?? {}).length;
    for (const result of Object.values(recorder.checks ?? {}).flat()) {
      const counts = summary.checks.get(result.name) ?? { success: 0, failure: 0 };
      if (result.status === 'success') counts.success += 1;
      else {
        counts.failure += 1;
        summary.failures.push({ check: result.name, operation: recorder.label ?? '?' });
      }
      summary.checks.set(result.name, counts);
    }
  }
  return summary;
};

/** Runs in `cwd`: schemathesis keeps a `.schemathesis/` cache in its working folder. */
const run = (bin: string, args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> =>
  new Promise((done, fail) => {
    const child = spawn(bin, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', fail);
    child.once('exit', (code) => done({ code, output }));
  });

/**
 * Issue 10: schemathesis fuzzes every operation of the local stack from its own /openapi.json, with
 * every check schemathesis has (`--checks all`: server errors, status codes, content types, headers,
 * response schemas, negative data rejected, positive data accepted, auth, …) plus ours in
 * schemathesis_hooks.py: no response body holds a stack trace. Any failure fails the suite.
 */
describeWithService('SCHEMATHESIS_BIN', 'schemathesis against the local stack', (bin) => {
  // Auth off: the fuzzer tries the API itself; the token checks have their own suites.
  const local = useLocalStack(makeTinyDirs);

  it('finds no failure with every check, and no stack trace in any response body', async () => {
    const report = join(local.dirs.base, 'schemathesis.ndjson');
    const args = [
      '--config-file', join(HOOKS_DIR, 'schemathesis.toml'), 'run', `${local.stack.url}/openapi.json`, '--checks', 'all', '--max-examples', String(MAX_EXAMPLES), '--seed', String(SEED),
      '--workers', '2', '--generation-database', 'none', '--no-color', '--report', 'ndjson', '--report-ndjson-path', report,
    ];
    const { code, output } = await run(bin, args, local.dirs.base, { PYTHONPATH: HOOKS_DIR, SCHEMATHESIS_HOOKS: 'schemathesis_hooks' });
    const summary = summarise(await readFile(report, 'utf8'));
    const checks = [...summary.checks].map(([name, { success, failure }]) => `${name} ${success}/${success + failure}`).join(', ');
    console.log(
      `schemathesis: ${summary.cases} test cases (at most ${MAX_EXAMPLES} examples per operation and phase, seed ${SEED}), ` +
        `${summary.failures.length} failed checks, ${summary.errors.length} errors, exit ${code}\n  checks passed/run: ${checks}`,
    );
    if (code !== 0) console.log(output.slice(Math.max(0, output.search(/ERRORS|FAILURES|WARNINGS/))));
    expect(summary.failures).toEqual([]);
    expect(summary.errors).toEqual([]);
    expect(code).toBe(0);
    expect(summary.cases).toBeGreaterThan(500);
    for (const check of ['no_stack_trace', 'not_a_server_error', 'positive_data_acceptance', 'negative_data_rejection', 'response_schema_conformance', 'status_code_conformance']) {
      expect(summary.checks.get(check)?.success, check).toBeGreaterThan(0);
    }
  }, 600_000);
});
