import { BlockList, isIP } from 'node:net';

/**
 * Which addresses Vigil's own outgoing requests (notification channels, webhook locks) may reach.
 * An admin types these URLs, but so might someone with a stolen admin session: without a policy a
 * "webhook" could read a cloud metadata service or a port only the box itself should see. The
 * house network (10/8, 192.168/16, …) stays reachable: door controllers and a local ntfy live there.
 */
const BLOCKED: Array<[string, number, 'ipv4' | 'ipv6', string]> = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.0.0', 16, 'ipv4', 'link-local or cloud metadata'],
  ['100.100.100.200', 32, 'ipv4', 'cloud metadata'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['255.255.255.255', 32, 'ipv4', 'broadcast'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['fd00:ec2::254', 128, 'ipv6', 'cloud metadata'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];

function ranges(list: Array<[string, number, 'ipv4' | 'ipv6']>): BlockList {
  const b = new BlockList();
  for (const [net, prefix, type] of list) b.addSubnet(net, prefix, type);
  return b;
}

/** `a.b.c.d`, `a.b.c.d/n`, IPv6 likewise; anything else is a configuration error. */
export function parseRanges(text: string): Array<[string, number, 'ipv4' | 'ipv6']> {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [addr = '', bits] = entry.split('/');
      const family = isIP(addr);
      const max = family === 4 ? 32 : 128;
      const prefix = bits === undefined ? max : Number(bits);
      if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > max) throw new Error(`not an address or CIDR range: "${entry}"`);
      return [addr, prefix, family === 4 ? 'ipv4' : 'ipv6'];
    });
}

/** An IPv4 address written as IPv6 (`::ffff:127.0.0.1`) is checked as the IPv4 address it is. */
function unmap(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m?.[1] ?? address;
}

export class OutboundPolicy {
  private readonly allowed: BlockList;
  private readonly blocked = BLOCKED.map(([net, prefix, type, why]) => ({ list: ranges([[net, prefix, type]]), why }));

  /** `allow`: addresses or CIDR ranges let through although blocked (e.g. a ntfy on this box). */
  constructor(allow = '') {
    this.allowed = ranges(parseRanges(allow));
  }

  /** Null when the address may be reached, else why not. */
  refuse(address: string): string | null {
    const a = unmap(address);
    const family = isIP(a);
    if (!family) return 'not an IP address';
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (this.allowed.check(a, type)) return null;
    const hit = this.blocked.find((b) => b.list.check(a, type));
    return hit ? `${a} is a ${hit.why} address (allow it with outbound.allow)` : null;
  }
}
