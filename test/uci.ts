// A small model of OpenWrt's `uci` for the commands Vigil writes (set, add_list, delete, commit),
// strict about syntax the way uci is, so tests can run a generated snippet and look at the result.

export interface UciSection {
  type: string;
  options: Map<string, string | string[]>;
}
export type UciState = Map<string, UciSection>;

const NAME = /^[A-Za-z0-9_]+$/;

function parseValue(raw: string): string {
  const m = /^'([^']*)'$/.exec(raw);
  if (!m) throw new Error(`value must be one single-quoted word without quotes: ${raw}`);
  return m[1] as string;
}

/** Runs the snippet's uci lines against `state` (config.section keys); other shell lines must be in `allowed`. */
export function runUci(snippet: string, state: UciState = new Map(), allowed: RegExp = /^(#.*|\/etc\/init\.d\/(network|firewall) reload|ifup [a-z0-9_]+)$/): UciState {
  for (const line of snippet.split('\n').map((l) => l.trim())) {
    if (!line) continue;
    if (!line.startsWith('uci ')) {
      if (!allowed.test(line)) throw new Error(`not a uci command Vigil should write: ${line}`);
      continue;
    }
    const m = /^uci (-q )?(set|add_list|delete|commit) (\S+?)(?:=(.+))?$/.exec(line);
    if (!m) throw new Error(`cannot parse: ${line}`);
    const [, , cmd, path, value] = m as unknown as [string, string | undefined, string, string, string | undefined];
    const parts = path.split('.');
    if (!parts.every((p) => NAME.test(p))) throw new Error(`bad uci path ${path}`);
    if (cmd === 'commit') continue;
    const [config, section, option] = parts as [string, string | undefined, string | undefined];
    if (!section) throw new Error(`${cmd} needs a section: ${line}`);
    const key = `${config}.${section}`;
    if (cmd === 'delete') {
      if (option) state.get(key)?.options.delete(option);
      else state.delete(key);
      continue;
    }
    if (value === undefined) throw new Error(`${cmd} needs a value: ${line}`);
    if (!option) {
      if (cmd !== 'set' || !NAME.test(value)) throw new Error(`a section is made with set config.name=type: ${line}`);
      state.set(key, { type: value, options: new Map() });
      continue;
    }
    const sec = state.get(key);
    if (!sec) throw new Error(`no section ${key} for ${line}`);
    const v = parseValue(value);
    if (cmd === 'set') sec.options.set(option, v);
    else {
      const list = sec.options.get(option);
      if (typeof list === 'string') throw new Error(`${key}.${option} is an option, not a list`);
      sec.options.set(option, [...(list ?? []), v]);
    }
  }
  return state;
}

/** The `wg setconf` text and interface addresses that OpenWrt's netifd makes from `network.<iface>` and its peer sections. */
export function wgFromUci(state: UciState, iface: string): { conf: string; addresses: string[] } {
  const i = state.get(`network.${iface}`);
  if (!i || i.type !== 'interface' || i.options.get('proto') !== 'wireguard') throw new Error(`network.${iface} is no wireguard interface`);
  const lines = ['[Interface]', `PrivateKey = ${String(i.options.get('private_key'))}`, `ListenPort = ${String(i.options.get('listen_port'))}`];
  for (const [, sec] of [...state].filter(([k, s]) => k.startsWith('network.') && s.type === `wireguard_${iface}`)) {
    lines.push('', '[Peer]', `PublicKey = ${String(sec.options.get('public_key'))}`, `AllowedIPs = ${([] as string[]).concat(sec.options.get('allowed_ips') ?? []).join(', ')}`);
  }
  return { conf: `${lines.join('\n')}\n`, addresses: ([] as string[]).concat(i.options.get('addresses') ?? []) };
}
