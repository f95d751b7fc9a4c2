import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/**
 * Hosts for tests that need a real network between processes: each is a network namespace joined
 * to this (the root) namespace by its own veth cable, root side `10.<net>.<i>.1`, host side
 * `10.<net>.<i>.2`. Every host routes through its cable to the root namespace, so one service
 * address on the root's loopback (`10.<net>.255.1`) reaches the hub and broker from all of them. A
 * cable can be pulled (`ip link set down`) and plugged back. Needs root and iproute2; nothing
 * leaves the machine.
 */
export class Hosts {
  readonly names: string[];
  private readonly tag = randomBytes(2).toString('hex');

  constructor(
    count: number,
    private readonly net = 100 + (Number.parseInt(randomBytes(1).toString('hex'), 16) % 100),
  ) {
    this.names = Array.from({ length: count }, (_, i) => `vn${this.tag}${i}`);
  }

  /** The address the host at `i` reaches the root namespace by. */
  rootAddress(i: number): string {
    return `10.${this.net}.${i}.1`;
  }

  /** Where every host reaches what runs in the root namespace (on its loopback). */
  get serviceAddress(): string {
    return `10.${this.net}.255.1`;
  }

  /** The host's own address. */
  address(i: number): string {
    return `10.${this.net}.${i}.2`;
  }

  create(): void {
    sh('ip', ['addr', 'replace', `${this.serviceAddress}/32`, 'dev', 'lo']);
    this.names.forEach((name, i) => {
      sh('ip', ['netns', 'add', name]);
      sh('ip', ['link', 'add', `${name}r`, 'type', 'veth', 'peer', 'name', `${name}h`]);
      sh('ip', ['link', 'set', `${name}h`, 'netns', name]);
      sh('ip', ['addr', 'add', `${this.rootAddress(i)}/30`, 'dev', `${name}r`]);
      sh('ip', ['link', 'set', `${name}r`, 'up']);
      this.exec(i, 'ip', 'addr', 'add', `${this.address(i)}/30`, 'dev', `${name}h`);
      this.exec(i, 'ip', 'link', 'set', `${name}h`, 'up');
      this.exec(i, 'ip', 'link', 'set', 'lo', 'up');
      this.exec(i, 'ip', 'route', 'add', 'default', 'via', this.rootAddress(i));
    });
  }

  exec(i: number, cmd: string, ...args: string[]): string {
    return sh('ip', ['netns', 'exec', this.at(i), cmd, ...args]);
  }

  /** A process inside the host's namespace. */
  spawn(i: number, cmd: string, args: string[], opts: SpawnOptions = {}): ChildProcess {
    return spawn('ip', ['netns', 'exec', this.at(i), cmd, ...args], opts);
  }

  /** Pulls (false) or plugs back (true) the host's cable, on the root side. */
  link(i: number, up: boolean): void {
    sh('ip', ['link', 'set', `${this.at(i)}r`, up ? 'up' : 'down']);
  }

  /** Removes the namespaces (their veth cables go with them) and the service address. */
  destroy(): void {
    try {
      sh('ip', ['addr', 'del', `${this.serviceAddress}/32`, 'dev', 'lo']);
    } catch {
      // never added
    }
    for (const name of this.names) {
      try {
        sh('ip', ['netns', 'del', name]);
      } catch {
        // never created, or already gone
      }
    }
  }

  private at(i: number): string {
    const name = this.names[i];
    if (!name) throw new Error(`no host ${i}`);
    return name;
  }
}

function sh(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', timeout: 15_000, stdio: ['ignore', 'pipe', 'pipe'] });
}
