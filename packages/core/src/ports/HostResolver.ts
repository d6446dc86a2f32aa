/** Name resolution as the connection will do it (getaddrinfo: /etc/hosts, then DNS). */
export interface HostResolver {
  /** Every address `name` resolves to; empty when it does not resolve. */
  resolve(name: string): Promise<string[]>;
}
