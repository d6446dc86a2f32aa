import { describe, expect, it } from 'vitest';
import { DatabaseHostPolicy, parseHostAllowList } from '@dataset-profiler/core';
import { DnsHostResolver } from '../../functions/databaseHosts.js';

describe('Class: DnsHostResolver', () => {
  it('resolves through the system resolver (localhost from /etc/hosts), and gives no address for a name that does not resolve', async () => {
    const resolver = new DnsHostResolver();
    expect(await resolver.resolve('localhost')).toContain('127.0.0.1');
    expect(await resolver.resolve('no-such-host.invalid')).toEqual([]);
  });

  describe('under DatabaseHostPolicy', () => {
      it('takes odd IPv4 spellings for names, which the system resolver maps onto loopback: still refused', async () => {
        const resolver = new DnsHostResolver();
        for (const host of ['2130706433', '127.1', '0x7f.0.0.1', 'localhost']) {
          const p = new DatabaseHostPolicy(parseHostAllowList([host, '8.8.8.8']), resolver);
          expect(await p.vet(host), host).toMatchObject({ allowed: false });
          expect(await new DatabaseHostPolicy(parseHostAllowList(['8.8.8.8']), resolver).vet(host), host).toMatchObject({ allowed: false, reason: `host '${host}' is not in DB_ALLOWED_HOSTS` });
        }
        const opened = new DatabaseHostPolicy(parseHostAllowList(['localhost', '127.0.0.1', '::1']), resolver);
        expect(await opened.vet('localhost')).toMatchObject({ allowed: true });
      });
  });
});
