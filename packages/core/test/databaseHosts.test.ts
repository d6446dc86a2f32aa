import { describe, expect, it } from 'vitest';
import { DatabaseHostPolicy, parseHostAllowList, type HostResolver } from '../src/index.js';

/** A resolver with a fixed table of names (a zone file), which records what it was asked. */
class ZoneResolver implements HostResolver {
  readonly asked: string[] = [];
  constructor(private readonly zone: Record<string, string[]>) {}
  async resolve(name: string): Promise<string[]> {
    this.asked.push(name);
    return this.zone[name] ?? [];
  }
}

const ZONE = {
  'db.example.org': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
  'db.internal': ['10.0.5.7'],
  'loopback.example.org': ['127.0.0.1'],
  'metadata.example.org': ['169.254.169.254'],
  'metadata6.example.org': ['fd00:ec2::254'],
  'split.example.org': ['93.184.215.14', '192.168.1.10'],
  'mapped.example.org': ['::ffff:127.0.0.1'],
};

const policy = (allowed: string, zone: Record<string, string[]> = ZONE) => {
  const resolver = new ZoneResolver(zone);
  return { resolver, policy: new DatabaseHostPolicy(parseHostAllowList(allowed.split(',')), resolver) };
};

const verdictOf = async (allowed: string, host: string) => (await policy(allowed).policy.vet(host));

describe('Class: DatabaseHostPolicy', () => {
  describe('Method: vet', () => {
    it('allows nothing while DB_ALLOWED_HOSTS is empty', async () => {
      expect(await verdictOf('', '8.8.8.8')).toEqual({ allowed: false, reason: 'database connections are disabled: DB_ALLOWED_HOSTS lists no host' });
    });

    it('allows an IP literal inside a listed address or CIDR, and no other', async () => {
      expect(await verdictOf('127.0.0.1', '127.0.0.1')).toEqual({ allowed: true, addresses: ['127.0.0.1'] });
      expect(await verdictOf('127.0.0.1', '127.0.0.2')).toMatchObject({ allowed: false, reason: "host '127.0.0.2' is not in DB_ALLOWED_HOSTS" });
      expect(await verdictOf('10.0.5.0/24', '10.0.5.200')).toEqual({ allowed: true, addresses: ['10.0.5.200'] });
      expect(await verdictOf('10.0.5.0/24', '10.0.6.1')).toMatchObject({ allowed: false });
      expect(await verdictOf('8.8.0.0/16', '8.8.8.8')).toEqual({ allowed: true, addresses: ['8.8.8.8'] });
      expect(await verdictOf('8.8.0.0/16', '1.1.1.1')).toMatchObject({ allowed: false });
    });

    it('never opens an internal address through a broad range: it must be listed inside its own range', async () => {
      for (const host of ['169.254.169.254', '127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.0.1', '100.64.0.1', '0.0.0.0']) {
        expect(await verdictOf('0.0.0.0/0', host), host).toMatchObject({ allowed: false });
      }
      for (const host of ['fd00:ec2::254', '::1', 'fe80::1', '[::1]', '::ffff:169.254.169.254', '64:ff9b::a9fe:a9fe']) {
        expect(await verdictOf('::/0,0.0.0.0/0', host), host).toMatchObject({ allowed: false });
      }
      expect(await verdictOf('0.0.0.0/0', '8.8.8.8')).toEqual({ allowed: true, addresses: ['8.8.8.8'] });
      expect(await verdictOf('10.0.0.0/7', '10.0.0.1')).toMatchObject({ allowed: false });
      expect(await verdictOf('169.254.169.254', '169.254.169.254')).toEqual({ allowed: true, addresses: ['169.254.169.254'] });
      expect(await verdictOf('fd00:ec2::/64', 'fd00:ec2::254')).toEqual({ allowed: true, addresses: ['fd00:ec2::254'] });
    });

    it('judges an IPv4-mapped IPv6 address as the IPv4 address it carries', async () => {
      expect(await verdictOf('127.0.0.1', '::ffff:127.0.0.1')).toEqual({ allowed: true, addresses: ['127.0.0.1'] });
      expect(await verdictOf('::1', '::ffff:127.0.0.1')).toMatchObject({ allowed: false });
      expect(await verdictOf('::1', '[::1]')).toEqual({ allowed: true, addresses: ['::1'] });
    });

    it('refuses a name that is not listed by name without resolving it, even when its addresses are listed', async () => {
      const { resolver, policy: p } = policy('10.0.5.0/24,db.example.org');
      expect(await p.vet('db.internal')).toEqual({ allowed: false, reason: "host 'db.internal' is not in DB_ALLOWED_HOSTS" });
      expect(resolver.asked).toEqual([]);
    });

    it('resolves a listed name, case and trailing dot aside, and allows it when every address is public', async () => {
      const { resolver, policy: p } = policy('DB.Example.org');
      expect(await p.vet('db.example.ORG.')).toEqual({ allowed: true, addresses: ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'] });
      expect(resolver.asked).toEqual(['db.example.org']);
    });

    it('refuses a listed name that resolves to an internal address the list does not open', async () => {
      expect(await verdictOf('loopback.example.org', 'loopback.example.org')).toEqual({
        allowed: false, reason: "host 'loopback.example.org' resolves to 127.0.0.1, a loopback address that DB_ALLOWED_HOSTS does not list",
      });
      expect(await verdictOf('metadata.example.org', 'metadata.example.org')).toMatchObject({ allowed: false, reason: expect.stringContaining('169.254.169.254, a link-local (cloud metadata) address') });
      expect(await verdictOf('metadata6.example.org', 'metadata6.example.org')).toMatchObject({ allowed: false, reason: expect.stringContaining('fd00:ec2::254') });
      expect(await verdictOf('mapped.example.org', 'mapped.example.org')).toMatchObject({ allowed: false, reason: expect.stringContaining('127.0.0.1, a loopback') });
      expect(await verdictOf('split.example.org,0.0.0.0/0', 'split.example.org')).toMatchObject({ allowed: false, reason: expect.stringContaining('192.168.1.10, a private') });
    });

    it('allows a listed name onto an internal address when that address or its range is listed too', async () => {
      expect(await verdictOf('db.internal,10.0.5.0/24', 'db.internal')).toEqual({ allowed: true, addresses: ['10.0.5.7'] });
      expect(await verdictOf('loopback.example.org,127.0.0.1', 'loopback.example.org')).toEqual({ allowed: true, addresses: ['127.0.0.1'] });
      expect(await verdictOf('db.internal,10.0.6.0/24', 'db.internal')).toMatchObject({ allowed: false });
    });

    it('refuses a listed name that does not resolve', async () => {
      expect(await verdictOf('gone.example.org', 'gone.example.org')).toEqual({ allowed: false, reason: "host 'gone.example.org' does not resolve" });
    });
  });
});

describe('Function: parseHostAllowList', () => {
  it('reads names, addresses and CIDRs, ignoring blanks', () => {
    const list = parseHostAllowList([' db.example.org ', '', '10.0.0.0/8', '::1', '[fd00::1]']);
    expect([...list.names]).toEqual(['db.example.org']);
    expect(list.ranges.map(([address, bits]) => `${address.toString()}/${bits}`)).toEqual(['10.0.0.0/8', '::1/128', 'fd00::1/128']);
  });

  it('rejects anything else, naming the entry', () => {
    for (const bad of ['http://db.example.org', '10.0.0.0/33', 'db example', 'db.example.org:5432', '*.example.org']) {
      expect(() => parseHostAllowList([bad]), bad).toThrow(`'${bad}' is not a host name, an IP address or a CIDR`);
    }
  });
});
