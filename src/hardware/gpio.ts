import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export type Level = 0 | 1;
export type Bias = 'as-is' | 'pull-up' | 'pull-down';

export interface Edge {
  line: number;
  rising: boolean;
  /** Kernel timestamp, ns: edges a few microseconds apart (Wiegand) keep their order and spacing. */
  timeNs: bigint;
}

export interface GpioOutput {
  /** Sets the lines (in the order given to `output`) together. */
  set(values: Level[]): Promise<void>;
  release(): Promise<void>;
}

export interface GpioWatch {
  /** The line's level as of the last edge seen. */
  level(line: number): Level;
  close(): Promise<void>;
}

/** A GPIO chip: what the keypad, Wiegand, relay and exit-button adapters need, and all a fake must offer. */
export interface GpioChip {
  output(lines: number[], initial: Level[]): Promise<GpioOutput>;
  watch(lines: number[], bias: Bias, onEdge: (e: Edge) => void): Promise<GpioWatch>;
}

/** One line of `gpiomon -F '%o %e %s %n'`. */
export function parseGpiomonLine(text: string): Edge | null {
  const m = /^(\d+) ([01]) (\d+) (\d+)$/.exec(text.trim());
  if (!m) return null;
  return { line: Number(m[1]), rising: m[2] === '1', timeNs: BigInt(m[3] as string) * 1_000_000_000n + BigInt(m[4] as string) };
}

async function run(cmd: string, args: string[]): Promise<string> {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '', err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${err.trim() || `exit ${code}`}`);
  return out;
}

async function kill(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const gone = once(child, 'close');
  child.kill('SIGTERM');
  await gone;
}

/**
 * The Linux GPIO character device through libgpiod's own tools (Debian's `gpiod` package, 1.6):
 * `gpiomon` reports edges with kernel timestamps, `gpioset --mode=signal` holds output levels. No
 * native addon to build, and the kernel queues edges, so a busy event loop loses none.
 */
export class GpiodChip implements GpioChip {
  constructor(private readonly chip: string) {}

  async output(lines: number[], initial: Level[]): Promise<GpioOutput> {
    let holder: ChildProcess | undefined;
    const hold = async (values: Level[]) => {
      await kill(holder);
      const child = spawn('gpioset', ['--mode=signal', this.chip, ...lines.map((l, i) => `${l}=${values[i] ?? 0}`)], { stdio: ['ignore', 'ignore', 'pipe'] });
      holder = child;
      await once(child, 'spawn');
    };
    await hold(initial);
    return { set: hold, release: () => kill(holder) };
  }

  async watch(lines: number[], bias: Bias, onEdge: (e: Edge) => void): Promise<GpioWatch> {
    const levels = new Map<number, Level>();
    const initial = (await run('gpioget', [`--bias=${bias}`, this.chip, ...lines.map(String)])).trim().split(/\s+/);
    lines.forEach((l, i) => levels.set(l, initial[i] === '1' ? 1 : 0));
    const child = spawn('gpiomon', ['--line-buffered', `--bias=${bias}`, '--format=%o %e %s %n', this.chip, ...lines.map(String)], { stdio: ['ignore', 'pipe', 'pipe'] });
    createInterface({ input: child.stdout }).on('line', (text) => {
      const e = parseGpiomonLine(text);
      if (!e) return;
      levels.set(e.line, e.rising ? 1 : 0);
      onEdge(e);
    });
    await once(child, 'spawn');
    return { level: (l) => levels.get(l) ?? 0, close: () => kill(child) };
  }
}
