import ipaddr from 'ipaddr.js';
import type { HostResolver } from './ports/HostResolver.js';

/**
 * Which database hosts the service may connect to (`DB_ALLOWED_HOSTS`). Pure apart from the injected
 * resolver. The rules (README "Database connections"):
 *
 * - An empty list allows nothing: the database connector is off.
 * - An IP literal is allowed when a listed address or CIDR contains it.
 * - A name is allowed only when listed by name (exact, case-insensitive); it is then resolved, and
 *   every address it resolves to must be a public unicast address, or lie in a listed address or CIDR.
 * - An internal address (loopback, private, link-local and cloud metadata, CGNAT, multicast, NAT64…)
 *   is opened only by an entry that lies inside the internal range that holds it: `127.0.0.1` or
 *   `10.0.5.0/24` open themselves, `0.0.0.0/0` opens public addresses only.
 * - IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry.
 */

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Cidr = [Address, number];

/** Internal ranges, named for the messages. Anything else ipaddr.js does not call `unicast` is blocked too. */
const INTERNAL_RANGES: readonly [string, string][] = [
  ['0.0.0.0/8', 'this-network'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'carrier-grade NAT'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local (cloud metadata)'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'IETF protocol'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'benchmarking'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['64:ff9b::/96', 'NAT64'],
  ['100::/64', 'discard'],
  ['2001::/32', 'Teredo'],
  ['2002::/16', '6to4'],
  ['fc00::/7', 'unique-local (includes the fd00:ec2::254 metadata address)'],
  ['fe80::/10', 'link-local'],
  ['ff00::/8', 'multicast'],
];

const INTERNAL: readonly { cidr: Cidr; name: string }[] = INTERNAL_RANGES.map(([cidr, name]) => ({ cidr: ipaddr.parseCIDR(cidr), name }));

const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/** An IP literal as written in a URL host (brackets allowed), or undefined for anything else. */
const parseLiteral = (host: string): Address | undefined => {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) return ipaddr.IPv4.parse(bare);
  if (ipaddr.IPv6.isValid(bare)) return ipaddr.process(bare);
  return undefined;
};

const normaliseName = (host: string): string => host.toLowerCase().replace(/\.$/, '');

const contains = ([network, bits]: Cidr, address: Address): boolean => address.kind() === network.kind() && address.match(network, bits);

/** The allow-list as parsed from `DB_ALLOWED_HOSTS`. */
export interface HostAllowList {
  readonly names: ReadonlySet<string>;
  readonly ranges: readonly Cidr[];
}

export const EMPTY_HOST_ALLOW_LIST: HostAllowList = { names: new Set(), ranges: [] };

/** Parses the comma-separated entries; throws naming the first entry that is no name, address or CIDR. */
export const parseHostAllowList = (entries: readonly string[]): HostAllowList => {
  const names = new Set<string>();
  const ranges: Cidr[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === '') continue;
    const literal = parseLiteral(entry);
    if (literal) ranges.push([literal, literal.kind() === 'ipv4' ? 32 : 128]);
    else if (entry.includes('/')) ranges.push(parseCidr(entry));
    else if (HOSTNAME.test(normaliseName(entry))) names.add(normaliseName(entry));
    else throw new Error(`'${entry}' is not a host name, an IP address or a CIDR`);
  }
  return { names, ranges };
};

const parseCidr = (entry: string): Cidr => {
  try {
    const [network, bits] = ipaddr.parseCIDR(entry);
    // An IPv4-mapped IPv6 range is held as the IPv4 range it denotes, like the addresses it is compared with.
    if (network.kind() === 'ipv6' && (network as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
      return [(network as ipaddr.IPv6).toIPv4Address(), bits - 96];
    }
    return [network, bits];
  } catch {
    throw new Error(`'${entry}' is not a host name, an IP address or a CIDR`);
  }
};

/** The internal range holding `address`, or undefined for a public unicast address. */
const internalRangeOf = (address: Address): { cidr: Cidr; name: string } | undefined => {
  const listed = INTERNAL.find(({ cidr }) => contains(cidr, address));
  if (listed) return listed;
  const range = address.range();
  return range === 'unicast' ? undefined : { cidr: [address, address.kind() === 'ipv4' ? 32 : 128], name: range };
};

/** Whether an entry opens `address`: it contains it and, for an internal address, lies inside its range. */
const opens = (entry: Cidr, address: Address, internal: { cidr: Cidr } | undefined): boolean =>
  contains(entry, address) && (!internal || (entry[1] >= internal.cidr[1] && contains(internal.cidr, entry[0])));

export type HostVerdict =
  | { allowed: true; addresses: string[] }
  | { allowed: false; reason: string };

const deny = (reason: string): HostVerdict => ({ allowed: false, reason });

/** Decides whether a DatabaseConnection's host may be connected to, and at which addresses. */
export class DatabaseHostPolicy {
  constructor(private readonly allowList: HostAllowList, private readonly resolver: HostResolver) {}

  get enabled(): boolean {
    return this.allowList.names.size > 0 || this.allowList.ranges.length > 0;
  }

  async vet(host: string): Promise<HostVerdict> {
    if (!this.enabled) return deny('database connections are disabled: DB_ALLOWED_HOSTS lists no host');
    const literal = parseLiteral(host);
    if (literal) {
      return this.addressAllowed(literal) ? { allowed: true, addresses: [literal.toString()] } : deny(`host '${host}' is not in DB_ALLOWED_HOSTS`);
    }
    const name = normaliseName(host);
    if (!this.allowList.names.has(name)) return deny(`host '${host}' is not in DB_ALLOWED_HOSTS`);
    const resolved = await this.resolver.resolve(name);
    if (resolved.length === 0) return deny(`host '${host}' does not resolve`);
    const addresses = resolved.map((a) => ipaddr.process(a));
    // A listed name may lead to any public address; an internal one must be listed itself.
    const blocked = addresses.find((address) => internalRangeOf(address) !== undefined && !this.addressAllowed(address));
    if (blocked) {
      const range = internalRangeOf(blocked)?.name ?? 'internal';
      return deny(`host '${host}' resolves to ${blocked.toString()}, a ${range} address that DB_ALLOWED_HOSTS does not list`);
    }
    return { allowed: true, addresses: addresses.map((a) => a.toString()) };
  }

  private addressAllowed(address: Address): boolean {
    const internal = internalRangeOf(address);
    return this.allowList.ranges.some((entry) => opens(entry, address, internal));
  }
}
