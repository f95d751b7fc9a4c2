import { Conflict, NotFound } from '../core/errors.ts';
import { isAlert, type LoggedEvent, type NewEvent } from '../core/events.ts';
import { acknowledgement, foldIncidents, INCIDENT_EVENT_TYPES, openAlerts, type Incident } from '../core/incidents.ts';
import type { EventLog } from '../store/eventLog.ts';

export interface AlertServiceDeps {
  log: Pick<EventLog, 'iterate' | 'after'>;
  /** Appends durably and resolves with the logged event. */
  record(e: NewEvent): Promise<LoggedEvent>;
  /** How far back open alerts are looked for, ms. */
  lookbackMs?: number;
}

const DAY = 24 * 3600 * 1000;

/**
 * Incidents and their acknowledgement, read from the log. Acknowledgements run one at a time, each
 * reading the log after the previous one is on it, so two people pressing at once log one.
 */
export class AlertService {
  private turn: Promise<unknown> = Promise.resolve();
  private readonly lookback: number;

  constructor(private readonly d: AlertServiceDeps) {
    this.lookback = d.lookbackMs ?? 7 * DAY;
  }

  /** Incidents of the lookback window, newest first. */
  async incidents(): Promise<Incident[]> {
    return foldIncidents(await this.recent());
  }

  /** Alert events of the open incidents, newest first. */
  async openAlerts(): Promise<LoggedEvent[]> {
    return openAlerts(await this.recent());
  }

  acknowledgeIncident(id: number, by: string): Promise<LoggedEvent> {
    return this.oneAtATime(async () => this.acknowledge((await this.incidents()).find((i) => i.id === id), by, 'no such incident'));
  }

  /** Acknowledges the incident this alert belongs to. */
  acknowledgeAlert(seq: number, by: string): Promise<LoggedEvent> {
    return this.oneAtATime(async () => {
      const [alert] = await this.d.log.after(seq - 1, 1);
      const known = alert?.seq === seq && isAlert(alert.type);
      const incident = known ? (await this.incidents()).find((i) => i.alerts.includes(seq)) : undefined;
      return this.acknowledge(incident, by, 'no such alert');
    });
  }

  private async acknowledge(incident: Incident | undefined, by: string, missing: string): Promise<LoggedEvent> {
    if (!incident) throw new NotFound(missing);
    if (!incident.open) throw new Conflict(incident.acknowledged ? `already acknowledged by ${incident.acknowledged.by}` : 'it closed by itself');
    return this.d.record(acknowledgement(incident, by));
  }

  private oneAtATime<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.turn.then(fn, fn);
    this.turn = run.catch(() => {});
    return run;
  }

  private async recent(): Promise<LoggedEvent[]> {
    const out: LoggedEvent[] = [];
    for await (const e of this.d.log.iterate({ types: [...INCIDENT_EVENT_TYPES], from: Date.now() - this.lookback })) out.push(e);
    return out;
  }
}
