import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { describeWithService } from '../support/externalService.js';
import { makeDirs } from '../support/localStack.js';
import { useLocalStack } from '../support/useLocalStack.js';

const PROVIDER = resolve(import.meta.dirname, '../../packages/airflow-provider');
// Every test in packages/airflow-provider/tests: a change there changes this count on purpose.
const PYTEST_TESTS = 27;

const runPytest = (venv: string, env: Record<string, string>, junitXml: string) =>
  new Promise<{ code: number | null; output: string }>((done, fail) => {
    const child = spawn(join(venv, 'bin/pytest'), ['-q', '-p', 'no:cacheprovider', `--junitxml=${junitXml}`, 'tests'], {
      cwd: PROVIDER,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', fail);
    child.once('close', (code) => done({ code, output }));
  });

const junitCounts = (xml: string) => {
  const suite = /<testsuite\b[^>]*>/.exec(xml)?.[0] ?? '';
  const count = (name: string) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(suite)?.[1] ?? NaN);
  return { tests: count('tests'), failures: count('failures'), errors: count('errors'), skipped: count('skipped') };
};

describeWithService('AIRFLOW_VENV', 'the Airflow provider, with real Airflow, against the local stack', (venv) => {
  const local = useLocalStack(() => makeDirs(['subway_data']));

  it('passes its pytest suite: example DAG with dag.test(), failing sensor, deferred trigger, 503 retries', async () => {
    const junitXml = join(local.dirs.base, 'pytest.xml');
    const { code, output } = await runPytest(venv, { DATASET_PROFILER_URL: local.stack.url }, junitXml);
    const xml = await readFile(junitXml, 'utf8');
    const dagSeconds = /name="example_dag_test_seconds" value="([\d.]+)"/.exec(xml)?.[1];
    console.log(`airflow provider: ${output.trim().split('\n').at(-1)}; example DAG dag.test(): ${dagSeconds} s`);

    expect(code, output).toBe(0);
    expect(junitCounts(xml)).toEqual({ tests: PYTEST_TESTS, failures: 0, errors: 0, skipped: 0 });
  }, 900_000);
});
