import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import Value from 'typebox/value';
import type { TSchema } from 'typebox';
import { chainSteps } from '../core/factorChain.ts';
import { ConfigSchema, doorChain, withEntryDelayDefaults, type Config } from './schema.ts';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface LoadOptions {
  /** YAML file; when absent, `<dataDir>/vigil.yaml` is read if it exists. */
  file?: string | undefined;
  dataDir?: string | undefined;
  env?: NodeJS.ProcessEnv;
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  enum?: unknown[];
  type?: string;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  description?: string;
}

function schemaAt(pointer: string): SchemaNode | undefined {
  let node: SchemaNode | undefined = ConfigSchema as unknown as SchemaNode;
  for (const part of pointer.split('/').filter(Boolean)) {
    if (!node) return undefined;
    node = /^\d+$/.test(part) ? node.items : node.properties?.[part];
  }
  return node;
}

function allowed(node: SchemaNode | undefined): string {
  if (!node) return '';
  if (node.enum) return `one of ${node.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  const parts: string[] = [];
  if (node.type) parts.push(node.type);
  if (node.minimum !== undefined || node.maximum !== undefined) parts.push(`${node.minimum ?? '-inf'}..${node.maximum ?? 'inf'}`);
  if (node.pattern) parts.push(`matching ${node.pattern}`);
  if (node.description) parts.push(`(${node.description})`);
  return parts.join(' ');
}

/** VIGIL_HTTP_PORT -> ['http', 'port'], matched case- and underscore-insensitively against the schema. */
function envPath(name: string): [string, string] {
  const rest = name.slice('VIGIL_'.length);
  const root = (ConfigSchema as unknown as SchemaNode).properties ?? {};
  for (const section of Object.keys(root)) {
    const prefix = `${section.toUpperCase()}_`;
    if (!rest.startsWith(prefix)) continue;
    const wanted = rest.slice(prefix.length).replace(/_/g, '').toLowerCase();
    const keys = Object.keys(root[section]?.properties ?? {});
    const key = keys.find((k) => k.toLowerCase() === wanted);
    if (key) return [section, key];
    throw new ConfigError(`Unknown setting ${name}: section "${section}" has ${keys.join(', ') || 'no keys settable from the environment'}`);
  }
  throw new ConfigError(`Unknown setting ${name}: sections are ${Object.keys(root).join(', ')}`);
}

export function loadConfig(opts: LoadOptions = {}): Config {
  const env = opts.env ?? process.env;
  const dataDir = path.resolve(opts.dataDir ?? env.VIGIL_DATA ?? 'data');
  const file = opts.file ?? (existsSync(path.join(dataDir, 'vigil.yaml')) ? path.join(dataDir, 'vigil.yaml') : undefined);

  let raw: unknown = {};
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new ConfigError(`Cannot read config file ${file}: ${(err as Error).message}`);
    }
    try {
      raw = YAML.parse(text) ?? {};
    } catch (err) {
      throw new ConfigError(`Config file ${file} is not valid YAML: ${(err as Error).message}`);
    }
    if (!isObj(raw)) throw new ConfigError(`Config file ${file} must hold a mapping of sections (http, mqtt, ...)`);
  }
  const merged = structuredClone(raw) as Obj;
  const origin = new Map<string, string>();
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('VIGIL_') || name === 'VIGIL_DATA' || value === undefined) continue;
    const [section, key] = envPath(name);
    const target = isObj(merged[section]) ? merged[section] : (merged[section] = {});
    if (!isObj(target)) throw new ConfigError(`${name}: section ${section} cannot be set from the environment`);
    target[key] = value;
    origin.set(`/${section}/${key}`, name);
  }

  if (merged.sensors !== undefined) merged.sensors = withEntryDelayDefaults(merged.sensors);
  const withDefaults = Value.Default(ConfigSchema as TSchema, Value.Convert(ConfigSchema as TSchema, merged));
  const errors = [...Value.Errors(ConfigSchema as TSchema, withDefaults)];
  if (errors.length > 0) {
    const lines = errors
      .filter((e) => e.keyword !== 'boolean')
      .map((e) => {
        const where = e.instancePath || '/';
        const key = where.split('/').filter(Boolean).join('.') || '(top level)';
        const from = origin.get(where) ? ` (from ${origin.get(where)})` : file ? ` (in ${file})` : '';
        const extra = e.keyword === 'additionalProperties' ? `: unknown key(s) ${JSON.stringify(e.params)}` : '';
        const hint = allowed(schemaAt(where));
        return `  ${key}${from}: ${e.message}${extra}${hint ? `; allowed: ${hint}` : ''}`;
      });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = withDefaults as Omit<Config, 'dataDir'>;
  const ids = new Set<string>();
  for (const s of config.sensors) {
    if (ids.has(s.id)) throw new ConfigError(`Invalid configuration:\n  sensors: id "${s.id}" is used twice`);
    ids.add(s.id);
  }
  const doorIds = new Set<string>();
  for (const d of config.doors) {
    const bad = (msg: string) => new ConfigError(`Invalid configuration:\n  doors.${d.id}: ${msg}`);
    if (doorIds.has(d.id)) throw bad('id is used twice');
    doorIds.add(d.id);
    if (d.contactSensor && !ids.has(d.contactSensor)) throw bad(`contactSensor "${d.contactSensor}" is not one of the sensors`);
    // PINs and cards may always come through the door's kiosk token; a face needs a camera, a finger the sensor.
    const has = { pin: true, fob: true, face: Boolean(d.camera || d.kiosk), finger: Boolean(d.fingerprint) };
    const what = d.chain ? 'its chain' : `mode ${d.mode}`;
    for (const step of chainSteps(doorChain(d))) {
      if (step.accept.some((f) => has[f])) continue;
      throw bad(step.accept.includes('face') ? `${what} needs a camera (camera.input) or kiosk: true` : `${what} asks for a finger: add fingerprint (port, baudRate, password)`);
    }
  }
  if (Boolean(config.mqtt.tlsCert) !== Boolean(config.mqtt.tlsKey)) {
    throw new ConfigError('Invalid configuration:\n  mqtt.tlsCert and mqtt.tlsKey: set both or neither');
  }
  if (config.database.url && !/^postgres(ql)?:\/\//.test(config.database.url)) {
    throw new ConfigError('Invalid configuration:\n  database.url: must start with postgres:// (or be empty for SQLite)');
  }
  return { ...config, dataDir };
}
