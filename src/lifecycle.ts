import type { Bus, BusEvents } from './core/bus.ts';
import type { RouteSet } from './http/routeSet.ts';

/** Undoes one thing a module set up. */
export type Stop = () => void | Promise<void>;

/**
 * What one module holds while it runs: everything registered here (services, bus listeners, MQTT
 * handlers, timers) is undone when the module stops, newest first.
 */
export class Scope {
  private readonly stops: Array<{ what: string; stop: Stop }> = [];
  /** The HTTP routes the module serves, registered when the web server starts. */
  readonly routes: RouteSet[] = [];

  constructor(
    readonly module: string,
    private readonly onError: (err: unknown, what: string) => void,
  ) {}

  /** Registers something to undo on stop. Register before starting the thing, so a failure half way still undoes it. */
  defer(what: string, stop: Stop): void {
    this.stops.push({ what, stop });
  }

  /** A bus listener, removed on stop. */
  listen<K extends keyof BusEvents>(bus: Bus, type: K, fn: (e: BusEvents[K]) => void): void {
    this.defer(`bus listener ${type}`, bus.on(type, fn));
  }

  /** Routes the web server serves for this module. */
  serve(...routes: RouteSet[]): void {
    this.routes.push(...routes);
  }

  /** A repeating timer, cleared on stop. */
  every(what: string, ms: number, fn: () => void): void {
    const timer = setInterval(fn, ms);
    timer.unref();
    this.defer(what, () => clearInterval(timer));
  }

  /** Undoes everything, newest first; a failing undo is reported and the rest still run. */
  async close(): Promise<void> {
    for (const { what, stop } of this.stops.splice(0).reverse()) {
      try {
        await stop();
      } catch (err) {
        this.onError(err, `${this.module}: ${what}`);
      }
    }
  }
}

/** A feature: what it needs in, what it provides out; everything it starts lives in its scope. */
export interface Module<Needs, Provides> {
  name: string;
  start(needs: Needs, scope: Scope): Promise<Provides>;
}

/**
 * Starts modules in order, each in its own scope, and stops them in reverse. A module that throws
 * in start has its scope closed at once, so nothing it set up keeps running; the caller then stops
 * the ones started before it.
 */
export class Lifecycle {
  private readonly scopes: Scope[] = [];

  constructor(private readonly onError: (err: unknown, what: string) => void) {}

  async start<Needs, Provides>(module: Module<Needs, Provides>, needs: Needs): Promise<Provides> {
    const scope = new Scope(module.name, this.onError);
    try {
      const provides = await module.start(needs, scope);
      this.scopes.push(scope);
      return provides;
    } catch (err) {
      await scope.close();
      throw err;
    }
  }

  /** Every route the modules started so far contribute, in the order they started. */
  routes(): RouteSet[] {
    return this.scopes.flatMap((s) => s.routes);
  }

  async stop(): Promise<void> {
    for (const scope of this.scopes.splice(0).reverse()) await scope.close();
  }
}
