import dns from 'node:dns';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, fetch as undiciFetch, type RequestInit, type Response } from 'undici';
import { OutboundPolicy } from '../core/outboundPolicy.ts';
import { StartupError } from '../core/errors.ts';

/** A connection the outbound policy refused: the message says which address and why. */
export class OutboundRefused extends Error {
  override name = 'OutboundRefused';
  readonly code = 'EOUTBOUND';
}

const bare = (host: string) => host.replace(/^\[|\]$/g, '');

/**
 * Vigil's outgoing connections, held to the policy at connect time: a name is resolved once and
 * every address it gives is checked before the socket opens, so a DNS answer that changes between
 * a check and the connection (rebinding) cannot slip through.
 */
export class Outbound {
  private readonly dispatcher: Agent;
  /** For libraries that take a Node https.Agent (web-push). */
  readonly httpsAgent: https.Agent;

  constructor(readonly policy: OutboundPolicy) {
    const lookup: LookupFunction = (hostname, options, callback) => {
      dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
        if (err) return callback(err, '', 0);
        const why = addresses.map((a) => policy.refuse(a.address)).find((r) => r !== null);
        if (why || !addresses[0]) return callback(new OutboundRefused(`${hostname}: ${why ?? 'no address'}`), '', 0);
        if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
        callback(null, addresses[0].address, addresses[0].family);
      });
    };
    this.dispatcher = new Agent({ connect: { lookup } });
    // The same trust as Node's global agent (where an embedding program or a test adds a CA).
    this.httpsAgent = new https.Agent({ lookup, keepAlive: false, ca: https.globalAgent.options.ca });
  }

  static fromConfig(allow: string): Outbound {
    try {
      return new Outbound(new OutboundPolicy(allow));
    } catch (err) {
      throw new StartupError(`outbound.allow: ${(err as Error).message}`);
    }
  }

  /** Throws OutboundRefused for an address the policy refuses (an IP in the URL skips the lookup). */
  checkUrl(url: string): void {
    const host = bare(new URL(url).hostname);
    const why = isIP(host) ? this.policy.refuse(host) : null;
    if (why) throw new OutboundRefused(why);
  }

  fetch(url: string, init: RequestInit = {}): Promise<Response> {
    this.checkUrl(url);
    return undiciFetch(url, { ...init, dispatcher: this.dispatcher });
  }

  /** For clients that resolve names themselves (SMTP): every address of the host, checked now. */
  async checkHost(host: string): Promise<void> {
    const h = bare(host);
    const addresses = isIP(h) ? [h] : (await dns.promises.lookup(h, { all: true })).map((a) => a.address);
    const why = addresses.map((a) => this.policy.refuse(a)).find((r) => r !== null);
    if (why) throw new OutboundRefused(`${host}: ${why}`);
  }

  async close(): Promise<void> {
    this.httpsAgent.destroy();
    await this.dispatcher.close();
  }
}
