import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseHostPolicy, parseHostAllowList } from '@dataset-profiler/core';
import { DnsHostResolver } from '../../functions/databaseHosts.js';
import { lambdaApi } from './support/api.js';
import { jsonEvent } from './support/events.js';
import { validRequest } from './support/fixtures.js';
import { testServices } from './support/services.js';

const connector = (host: string, extra: Record<string, unknown> = {}) => ({
  type: 'DatabaseConnection', protocol: 'postgresql', engine: 'PostgreSQL', host, port: 5432, database_name: 'sales', ...extra,
});

const requestFor = (...connectors: unknown[]) => {
  const request = validRequest();
  return { ...request, profile_specification: { ...request.profile_specification, data_connectors: connectors } };
};

const apiWith = async (allowed: string | undefined) => {
  const t = await testServices();
  const services = allowed === undefined
    ? t.services
    : { ...t.services, databaseHosts: new DatabaseHostPolicy(parseHostAllowList(allowed.split(',')), new DnsHostResolver()) };
  return { t, api: lambdaApi(services) };
};

const trigger = (api: ReturnType<typeof lambdaApi>, body: unknown) => api.call(jsonEvent('POST', '/profiler/trigger_profile', body));

const filesUnder = async (dir: string): Promise<string[]> => {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(entries.filter((e) => e.isFile()).map((e) => readFile(join(e.parentPath, e.name), 'utf8')));
};

describe('trigger_profile: DatabaseConnection hosts (DB_ALLOWED_HOSTS)', () => {
  it('answers 422 for any database while no host is allowed (the default), and stores no job', async () => {
    for (const allowed of [undefined, '']) {
      const { t, api } = await apiWith(allowed);
      const answer = await trigger(api, requestFor(connector('8.8.8.8')));
      expect(answer.status).toBe(422);
      expect(answer.body.detail).toEqual([{
        loc: ['body', 'profile_specification', 'data_connectors', 0, 'host'],
        msg: 'Value error, database connections are disabled: DB_ALLOWED_HOSTS lists no host',
        type: 'value_error',
        input: '8.8.8.8',
      }]);
      expect(await t.services.jobs.listByStatus(['SUBMITTING'])).toEqual([]);
    }
  });

  it('answers 422 for metadata, loopback and private hosts, one issue per offending connector, before any connection', async () => {
    const { api } = await apiWith('203.0.113.10,0.0.0.0/0');
    const hosts = ['169.254.169.254', 'fd00:ec2::254', '127.0.0.1', '10.0.0.5', 'localhost', '2130706433'];
    const answer = await trigger(api, requestFor(...hosts.map((host) => connector(host))));
    expect(answer.status).toBe(422);
    expect(answer.body.detail.map((issue: { loc: unknown[]; input: string }) => [issue.loc[3], issue.input])).toEqual(hosts.map((host, i) => [i, host]));
  });

  it('accepts an allowed host and queues the job', async () => {
    const { api } = await apiWith('127.0.0.1');
    const answer = await trigger(api, requestFor(connector('127.0.0.1')));
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('Job submitted');
  });

  it('never stores or logs a password sent in the request', async () => {
    const { t, api } = await apiWith('127.0.0.1');
    const secret = 'hunter2-do-not-store';
    const answer = await trigger(api, requestFor(connector('127.0.0.1', { password: secret, user: 'admin' })));
    expect(answer.status).toBeLessThan(500);
    expect(JSON.stringify(api.lines)).not.toContain(secret);
    for (const content of await filesUnder(t.dir)) expect(content).not.toContain(secret);
  });
});
