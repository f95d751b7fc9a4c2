import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PtyPair {
  /** The end Vigil opens, as it would open /dev/ttyUSB1. */
  host: string;
  /** The end the simulated device speaks on. */
  device: string;
  /** Pulls the plug: socat exits, both ends go away. */
  unplug(): Promise<void>;
  /** Plugs a new cable in at the same paths. */
  replug(): Promise<void>;
}

/** Two pseudo-terminals joined by Debian's socat: a serial cable between Vigil and a simulated module. */
export async function ptyPair(): Promise<PtyPair> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigil-pty-'));
  const host = path.join(dir, 'ttyHOST');
  const device = path.join(dir, 'ttyDEVICE');
  let child: ChildProcess | undefined;
  const plug = async () => {
    child = spawn('socat', [`pty,raw,echo=0,link=${host}`, `pty,raw,echo=0,link=${device}`], { stdio: 'ignore' });
    for (let i = 0; i < 200 && !(existsSync(host) && existsSync(device)); i++) await new Promise((r) => setTimeout(r, 25));
    if (!existsSync(host) || !existsSync(device)) throw new Error('socat did not create the pseudo-terminals');
  };
  const unplug = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const gone = once(c, 'exit');
    c.kill('SIGTERM');
    await gone;
  };
  await plug();
  return { host, device, unplug, replug: plug };
}
