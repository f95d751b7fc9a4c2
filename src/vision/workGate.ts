// At most `running` image jobs at once and `waiting` in line; beyond that the caller is told to come
// back later instead of the process holding ever more pictures in memory.
import { ImageError } from './decode.ts';

export class WorkGate {
  private active = 0;
  private readonly line: Array<() => void> = [];

  constructor(
    private readonly running: number,
    private readonly waiting: number,
    /** Seconds a refused caller is asked to wait. */
    private readonly retryAfter = 2,
  ) {}

  /** Runs `job` when a place is free; refuses at once (503 busy) when the line is full. */
  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.active >= this.running) {
      if (this.line.length >= this.waiting) throw new ImageError('busy', 'busy with other pictures; try again shortly', this.retryAfter);
      await new Promise<void>((resolve) => this.line.push(resolve));
    } else this.active++;
    try {
      return await job();
    } finally {
      const next = this.line.shift();
      // The place passes straight to the next in line, so `active` counts it throughout.
      if (next) next();
      else this.active--;
    }
  }

  get load(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.line.length };
  }
}
