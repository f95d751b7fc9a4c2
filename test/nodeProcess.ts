// Door nodes as their users run them: `vigil node join` and `vigil node start` in child processes,
// against a hub given by URL (a test's in-process hub, or one in another network namespace).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort, kill9, waitFor } from './helpers.ts';
import { vigil, type RunResult } from './vigilProcess.ts';

const BIN = path.resolve('bin/vigil.js');

export interface NodeHealth {
  nodeId: string;
  hubReachable: boolean;
  snapshotVersion: number;
  spoolDepth: number;
}

export interface NodeProcess {
  child: ChildProcess;
  base: string;
  httpPort: number;
  output: () => string;
  health(): Promise<NodeHealth>;
  /** Presents a PIN at one of the node's kiosk doors; resolves with the view the door shows. */
  pin(kioskToken: string, pin: string): Promise<{ state: string }>;
  stop(): Promise<void>;
}

/** `vigil node join`: writes <dataDir>/node.json. */
export function joinNode(hubUrl: string, token: string, dataDir: string): Promise<RunResult> {
  return vigil(['--data', dataDir, '--json', 'node', 'join', hubUrl, token]);
}

/** `vigil node kiosk-token <door>` on the node's data directory. */
export async function nodeKioskToken(dataDir: string, door: string): Promise<string> {
  const r = await vigil(['--data', dataDir, '--json', 'node', 'kiosk-token', door], { VIGIL_LOG_LEVEL: 'silent' });
  if (r.code !== 0) throw new Error(`kiosk-token: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { token: string }).token;
}

/** `vigil node start` on loopback; resolves once its web server answers (it waits for its first replica before that). */
export async function startNodeProcess(dataDir: string, opts: { httpPort?: number; host?: string; env?: Record<string, string> } = {}): Promise<NodeProcess> {
  const httpPort = opts.httpPort ?? (await freePort());
  const host = opts.host ?? '127.0.0.1';
  const child = spawn(process.execPath, [BIN, '--data', dataDir, 'node', 'start'], {
    env: { ...process.env, VIGIL_HTTP_HOST: host, VIGIL_HTTP_PORT: String(httpPort), VIGIL_LOG_LEVEL: 'info', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const base = `http://${host}:${httpPort}`;
  const health = async () => (await (await fetch(`${base}/api/health`)).json()) as NodeHealth;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`vigil node exited: ${out}`);
      try {
        return (await fetch(`${base}/api/health`)).ok;
      } catch {
        return false;
      }
    },
    60_000,
    'vigil node start',
  ).catch(async (err: unknown) => {
    // A node that never came up is not left running, and says why.
    await kill9(child);
    throw new Error(`${(err as Error).message}; its output:\n${out.slice(-4000)}`, { cause: err });
  });
  return {
    child,
    base,
    httpPort,
    output: () => out,
    health,
    async pin(kioskToken, pin) {
      const res = await fetch(`${base}/api/terminal/credential`, {
        method: 'POST',
        headers: { authorization: `Bearer ${kioskToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ factor: 'pin', value: pin }),
      });
      if (!res.ok) throw new Error(`PIN at the node: ${res.status} ${await res.text()}`);
      return (await res.json()) as { state: string };
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => void kill9(child), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
