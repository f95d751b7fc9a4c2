// Vigil as its users run it: the `vigil` command in a child process.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { freePort, waitFor } from './helpers.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/vigil.js');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function vigil(args: string[], env: Record<string, string> = {}, input?: string): Promise<RunResult> {
  const p = run(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 60_000 });
  if (input !== undefined) {
    p.child.stdin?.end(input);
  }
  try {
    const { stdout, stderr } = await p;
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

export interface Server {
  child: ChildProcess;
  httpPort: number;
  mqttPort: number;
  output: () => string;
}

export async function startServer(dataDir: string, ports?: { httpPort: number; mqttPort: number }): Promise<Server> {
  const httpPort = ports?.httpPort ?? (await freePort());
  const mqttPort = ports?.mqttPort ?? (await freePort());
  const child = spawn(process.execPath, [BIN, '--data', dataDir, 'start'], {
    env: { ...process.env, VIGIL_HTTP_HOST: '127.0.0.1', VIGIL_HTTP_PORT: String(httpPort), VIGIL_MQTT_HOST: '127.0.0.1', VIGIL_MQTT_PORT: String(mqttPort), VIGIL_ALARM_EXIT_DELAY: '0', VIGIL_OUTBOUND_ALLOW: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`vigil exited: ${out}`);
    try {
      return (await fetch(`http://127.0.0.1:${httpPort}/api/health`)).ok;
    } catch {
      return false;
    }
  }, 60_000, 'vigil start');
  return { child, httpPort, mqttPort, output: () => out };
}
