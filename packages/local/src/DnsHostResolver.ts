import { lookup } from 'node:dns/promises';
import type { HostResolver } from '@dataset-profiler/core';

/**
 * getaddrinfo, as node-postgres's socket would use it (/etc/hosts, then DNS): every A and AAAA
 * address. A name that does not resolve gives no address; the policy then refuses it.
 */
export class DnsHostResolver implements HostResolver {
  async resolve(name: string): Promise<string[]> {
    try {
      return (await lookup(name, { all: true, verbatim: true })).map((entry) => entry.address);
    } catch {
      return [];
    }
  }
}
