import mqtt, { type IClientOptions, type ISubscriptionGrant, type MqttClient } from 'mqtt';
import type { Socket } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import type { Logger } from 'pino';
import type { Diagnostics } from '../core/diagnostics.ts';
import { redactUrl } from '../core/redact.ts';

export interface MqttLinkOptions {
  url: string;
  /** Login and TLS settings, passed to mqtt.js as they are. */
  clientOptions: IClientOptions & Pick<ConnectionOptions, 'checkServerIdentity'>;
  clientId: string;
  /** Published retained `offline` by the broker if Vigil vanishes; `online` on every connect. */
  statusTopic: string;
  subscriptions: string[];
  log: Logger;
  diagnostics: Diagnostics;
}

export type MessageHandler = (topic: string, payload: Buffer, retained: boolean) => void;

/**
 * Vigil's one MQTT client, used the same way against the built-in broker and an external one.
 * It reconnects by itself and subscribes again on every connect, so a broker restart costs nothing.
 */
function remove<T>(list: T[], item: T): void {
  const i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
}

export class MqttLink {
  private readonly client: MqttClient;
  private readonly handlers: MessageHandler[] = [];
  private readonly connectHooks: Array<() => void> = [];
  private readonly subscriptions: string[];

  private constructor(private readonly opts: MqttLinkOptions) {
    this.subscriptions = [...opts.subscriptions];
    this.client = mqtt.connect(opts.url, {
      ...opts.clientOptions,
      clientId: opts.clientId,
      clean: true,
      reconnectPeriod: 1000,
      connectTimeout: 5000,
      will: { topic: opts.statusTopic, payload: Buffer.from('offline'), qos: 1, retain: true },
    });
    this.client.on('connect', () => this.onConnect());
    this.client.on('message', (topic, payload, packet) => {
      for (const h of this.handlers) h(topic, payload, packet.retain);
    });
    this.client.on('error', (err) => opts.log.warn({ err: err.message }, 'MQTT client error'));
    this.client.on('offline', () => opts.log.warn({ url: redactUrl(opts.url) }, 'MQTT broker unreachable, retrying'));
  }

  static async connect(opts: MqttLinkOptions, waitMs = 5000): Promise<MqttLink> {
    const link = new MqttLink(opts);
    const connected = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), waitMs);
      link.client.once('connect', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!connected) opts.log.warn({ url: redactUrl(opts.url) }, 'MQTT broker not reachable yet; Vigil keeps trying in the background');
    return link;
  }

  get connected(): boolean {
    return this.client.connected;
  }

  /** Returns the function that removes the handler. */
  onMessage(handler: MessageHandler): () => void {
    this.handlers.push(handler);
    return () => remove(this.handlers, handler);
  }

  /** Runs now if connected, and again after every reconnect; returns the function that stops that. */
  onEveryConnect(hook: () => void): () => void {
    this.connectHooks.push(hook);
    if (this.client.connected) hook();
    return () => remove(this.connectHooks, hook);
  }

  /** Adds topics, now and after every reconnect. */
  subscribe(topics: string[]): void {
    const fresh = topics.filter((t) => !this.subscriptions.includes(t));
    if (!fresh.length) return;
    this.subscriptions.push(...fresh);
    if (!this.client.connected) return;
    this.client.subscribe(fresh, { qos: 1 }, (err, granted) => this.subscribed(err, granted));
  }

  publish(topic: string, payload: string | Buffer, options: { retain?: boolean; qos?: 0 | 1 } = {}): void {
    this.client.publish(topic, payload, { qos: options.qos ?? 1, retain: options.retain ?? false }, (err) => {
      if (err) this.opts.log.warn({ topic, err: err.message }, 'MQTT publish failed');
    });
  }

  async close(): Promise<void> {
    // A clean shutdown says offline itself; the will is for crashes.
    if (this.client.connected) await this.client.publishAsync(this.opts.statusTopic, 'offline', { qos: 1, retain: true }).catch(() => {});
    await this.client.endAsync();
  }

  private onConnect(): void {
    // Alerts are tiny messages: never let Nagle hold one back waiting for an ACK.
    const socket = this.client.stream as Partial<Pick<Socket, 'setNoDelay'>>;
    socket.setNoDelay?.(true);
    this.opts.diagnostics.count('mqtt_connects');
    this.opts.log.info({ url: redactUrl(this.opts.url) }, 'MQTT connected');
    this.client.subscribe(this.subscriptions, { qos: 1 }, (err, granted) => this.subscribed(err, granted));
    this.publish(this.opts.statusTopic, 'online', { retain: true });
    for (const hook of this.connectHooks) hook();
  }

  /** The broker's answer to a SUBSCRIBE (mqtt.js turns a refused topic into an error); granted topics are counted in the health counters. */
  private subscribed(err: Error | null, granted: ISubscriptionGrant[] = []): void {
    if (err) this.opts.log.error({ err: err.message }, 'MQTT subscribe failed');
    else this.opts.diagnostics.count('mqtt_topics_subscribed', granted.length);
  }
}
