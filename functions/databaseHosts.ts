import { lookup } from 'node:dns/promises';
import { DatabaseHostPolicy, parseHostAllowList, type HostResolver } from '@dataset-profiler/core';

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

/**
 * DB_ALLOWED_HOSTS through the system resolver. Every composition root (the local stack, `npm start`
 * on AWS, the Lambda functions, the profile job) builds its policy here, so trigger_profile and the
 * job apply the same rules whichever flavour runs them.
 */
export const databaseHostPolicy = (allowedHosts: readonly string[]): DatabaseHostPolicy =>
  new DatabaseHostPolicy(parseHostAllowList(allowedHosts), new DnsHostResolver());
