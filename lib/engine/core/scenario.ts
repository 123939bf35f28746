/**
 * Reading a scenario (kubesim-contract.md): YAML or JSON, with `apply` as a multi-document YAML
 * string or a list of objects. Malformed input is a ScenarioError naming the line and column;
 * sizes, document counts, YAML alias expansion and virtual time are capped.
 */
import { parseAllDocuments, parseDocument, type Tags } from 'yaml';
import type { Node, Taint } from '../api/types';
import { defaultNodes } from './bootstrap';

export const MAX_SCENARIO_BYTES = 1024 * 1024;
export const MAX_DOCUMENTS = 500;
export const MAX_ACTIONS = 1000;
export const MAX_OBSERVE = 200;
export const MAX_UNTIL = 86_400;
export const MAX_NODES = 5000;
const MAX_ALIASES = 100;

export class ScenarioError extends Error {}

export type Action =
  | { at: number; delete: { kind: string; name?: string; namespace?: string; selector?: Record<string, string>; gracePeriodSeconds?: number } }
  | { at: number; taint: { node: string; key: string; value?: string; effect?: Taint['effect']; remove?: boolean } }
  | { at: number; label: { node: string; labels: Record<string, string | null> } }
  | { at: number; cordon: { node: string } }
  | { at: number; uncordon: { node: string } }
  | { at: number; apply: unknown[] }
  | { at: number; scale: { kind: string; name: string; namespace?: string; replicas: number } }
  | { at: number; rollout: { kind: string; name: string; namespace?: string; do: 'restart' | 'undo' | 'pause' | 'resume' } }
  | { at: number; nodeCondition: { node: string; ready: 'True' | 'False' | 'Unknown' } };

export interface Scenario {
  nodes?: Node[];
  pods: unknown[];
  apply: unknown[];
  actions: Action[];
  observe: number[];
  until: number;
  /**
   * A kubesim extension (not in the contract): the manifests in each node's staticPodPath
   * (/etc/kubernetes/manifests), by node name; each document is one manifest file.
   */
  staticPods?: Record<string, unknown[]>;
}

function yamlError(where: string, err: { message: string; linePos?: [{ line: number; col: number }, ...unknown[]] }): ScenarioError {
  const first = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const pos = err.linePos?.[0];
  return new ScenarioError(pos ? `${where}: line ${pos.line}, column ${pos.col}: ${first}` : `${where}: ${first}`);
}

/**
 * kubectl reads manifests with sigs.k8s.io/yaml (go-yaml v2): YAML 1.1 scalars (`0644` is octal,
 * `yes`/`on` are booleans) and a repeated key keeps its last value. go-yaml v2 knows no base-60
 * numbers and hands timestamps to an untyped decode as the plain string, so those tags are dropped.
 */
const KUBECTL_YAML = {
  version: '1.1',
  uniqueKeys: false,
  prettyErrors: true,
  customTags: (tags: Tags) => tags.filter(goYamlV2Resolves),
} as const;

function goYamlV2Resolves(t: Tags[number]): boolean {
  if (typeof t === 'string') return t !== 'intTime' && t !== 'floatTime' && t !== 'timestamp';
  return t.format !== 'TIME' && t.tag !== 'tag:yaml.org,2002:timestamp';
}

/** The documents of a multi-document YAML string, empty ones left out. */
export function parseDocuments(text: string, where = 'apply'): unknown[] {
  if (text.length > MAX_SCENARIO_BYTES) throw new ScenarioError(`${where}: larger than ${MAX_SCENARIO_BYTES} bytes`);
  const docs = parseAllDocuments(text, KUBECTL_YAML);
  const list = Array.isArray(docs) ? docs : [docs];
  const out: unknown[] = [];
  for (const d of list) {
    if (d.errors.length > 0) throw yamlError(where, d.errors[0] as never);
    let value: unknown;
    try {
      value = d.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (e) {
      throw new ScenarioError(`${where}: ${(e as Error).message}`);
    }
    if (value === null || value === undefined) continue;
    out.push(value);
    if (out.length > MAX_DOCUMENTS) throw new ScenarioError(`${where}: more than ${MAX_DOCUMENTS} documents`);
  }
  return out;
}

/** Parses a scenario file's text (JSON or YAML). */
export function parseScenarioText(text: string): Scenario {
  if (text.length > MAX_SCENARIO_BYTES) throw new ScenarioError(`scenario larger than ${MAX_SCENARIO_BYTES} bytes`);
  let raw: unknown;
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      raw = JSON.parse(text);
    } catch {
      raw = undefined;
    }
  }
  if (raw === undefined) {
    const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
    if (doc.errors.length > 0) throw yamlError('scenario', doc.errors[0] as never);
    try {
      raw = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (e) {
      throw new ScenarioError(`scenario: ${(e as Error).message}`);
    }
  }
  return normalizeScenario(raw);
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function num(x: unknown, where: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new ScenarioError(`${where}: expected a number, got ${JSON.stringify(x)}`);
  return x;
}

function str(x: unknown, where: string): string {
  if (typeof x !== 'string' || x === '') throw new ScenarioError(`${where}: expected a non-empty string, got ${JSON.stringify(x)}`);
  return x;
}

function docs(x: unknown, where: string): unknown[] {
  if (x === undefined || x === null) return [];
  if (typeof x === 'string') return parseDocuments(x, where);
  if (Array.isArray(x)) {
    if (x.length > MAX_DOCUMENTS) throw new ScenarioError(`${where}: more than ${MAX_DOCUMENTS} documents`);
    return x.filter((d) => d !== null && d !== undefined);
  }
  if (isObject(x)) return [x];
  throw new ScenarioError(`${where}: expected a YAML string or a list of objects`);
}

const ACTION_KEYS = ['delete', 'taint', 'label', 'cordon', 'uncordon', 'apply', 'scale', 'rollout', 'nodeCondition'];
const SCENARIO_KEYS = new Set(['nodes', 'pods', 'apply', 'actions', 'observe', 'until', 'staticPods']);

export function normalizeScenario(raw: unknown): Scenario {
  if (!isObject(raw)) throw new ScenarioError('scenario: expected a mapping with nodes, pods, apply, actions, observe, until');
  for (const k of Object.keys(raw)) if (!SCENARIO_KEYS.has(k)) throw new ScenarioError(`scenario: unknown key "${k}"`);
  const until = raw.until === undefined ? 300 : num(raw.until, 'until');
  if (until < 0 || until > MAX_UNTIL) throw new ScenarioError(`until: must be between 0 and ${MAX_UNTIL}`);
  let nodes: Node[] | undefined;
  if (raw.nodes !== undefined && raw.nodes !== null) {
    if (!Array.isArray(raw.nodes)) throw new ScenarioError('nodes: expected a list of Node objects');
    if (raw.nodes.length > MAX_NODES) throw new ScenarioError(`nodes: more than ${MAX_NODES}`);
    nodes = raw.nodes.map((n, i) => {
      if (!isObject(n) || !isObject(n.metadata) || typeof n.metadata.name !== 'string') throw new ScenarioError(`nodes[${i}]: a Node needs metadata.name`);
      return n as unknown as Node;
    });
    const names = new Set<string>();
    for (const n of nodes) {
      if (names.has(n.metadata.name!)) throw new ScenarioError(`nodes: duplicate node "${n.metadata.name}"`);
      names.add(n.metadata.name!);
    }
  }
  const observe: number[] = [];
  if (raw.observe !== undefined && raw.observe !== null) {
    if (!Array.isArray(raw.observe)) throw new ScenarioError('observe: expected a list of virtual seconds');
    if (raw.observe.length > MAX_OBSERVE) throw new ScenarioError(`observe: more than ${MAX_OBSERVE} times`);
    raw.observe.forEach((t, i) => {
      const v = num(t, `observe[${i}]`);
      if (v < 0 || v > until) throw new ScenarioError(`observe[${i}]: ${v} is not between 0 and until (${until})`);
      observe.push(v);
    });
  }
  const actions: Action[] = [];
  if (raw.actions !== undefined && raw.actions !== null) {
    if (!Array.isArray(raw.actions)) throw new ScenarioError('actions: expected a list');
    if (raw.actions.length > MAX_ACTIONS) throw new ScenarioError(`actions: more than ${MAX_ACTIONS}`);
    raw.actions.forEach((a, i) => actions.push(normalizeAction(a, `actions[${i}]`)));
  }
  const scenario: Scenario = { nodes, pods: docs(raw.pods, 'pods'), apply: docs(raw.apply, 'apply'), actions, observe, until };
  if (raw.staticPods !== undefined && raw.staticPods !== null) scenario.staticPods = staticPods(raw.staticPods, nodes);
  return scenario;
}

/** `staticPods`: node name -> its manifests (a multi-document YAML string or a list of objects). */
function staticPods(raw: unknown, nodes: Node[] | undefined): Record<string, unknown[]> {
  if (!isObject(raw)) throw new ScenarioError('staticPods: expected a map of node name to manifests');
  const known = new Set((nodes ?? defaultNodes()).map((n) => n.metadata.name!));
  const out: Record<string, unknown[]> = {};
  for (const [node, manifests] of Object.entries(raw)) {
    if (!known.has(node)) throw new ScenarioError(`staticPods: node "${node}" is not in the scenario's nodes`);
    out[node] = docs(manifests, `staticPods.${node}`);
  }
  return out;
}

function normalizeAction(a: unknown, where: string): Action {
  if (!isObject(a)) throw new ScenarioError(`${where}: expected a mapping`);
  const at = num(a.at, `${where}.at`);
  if (at < 0 || at > MAX_UNTIL) throw new ScenarioError(`${where}.at: must be between 0 and ${MAX_UNTIL}`);
  const keys = ACTION_KEYS.filter((k) => k in a);
  if (keys.length !== 1) throw new ScenarioError(`${where}: needs exactly one of ${ACTION_KEYS.join(', ')}`);
  const key = keys[0];
  const body = a[key];
  if (key === 'apply') return { at, apply: docs(body, `${where}.apply`) };
  if (!isObject(body)) throw new ScenarioError(`${where}.${key}: expected a mapping`);
  switch (key) {
    case 'delete': {
      const kind = str(body.kind, `${where}.delete.kind`);
      const sel = body.selector;
      if (sel !== undefined && !isObject(sel)) throw new ScenarioError(`${where}.delete.selector: expected a map of labels`);
      if (sel === undefined) str(body.name, `${where}.delete.name`);
      const d: Extract<Action, { delete: unknown }>['delete'] = { kind };
      if (typeof body.name === 'string') d.name = body.name;
      if (typeof body.namespace === 'string') d.namespace = body.namespace;
      if (sel) d.selector = Object.fromEntries(Object.entries(sel).map(([k, v]) => [k, String(v)]));
      if (body.gracePeriodSeconds !== undefined) d.gracePeriodSeconds = num(body.gracePeriodSeconds, `${where}.delete.gracePeriodSeconds`);
      return { at, delete: d };
    }
    case 'taint': {
      const t: Extract<Action, { taint: unknown }>['taint'] = { node: str(body.node, `${where}.taint.node`), key: str(body.key, `${where}.taint.key`) };
      if (body.value !== undefined && body.value !== null) t.value = String(body.value);
      if (body.effect !== undefined) {
        if (!['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(body.effect as string)) throw new ScenarioError(`${where}.taint.effect: must be NoSchedule, PreferNoSchedule or NoExecute`);
        t.effect = body.effect as Taint['effect'];
      }
      if (body.remove) t.remove = true;
      return { at, taint: t };
    }
    case 'label': {
      if (!isObject(body.labels)) throw new ScenarioError(`${where}.label.labels: expected a map`);
      const labels = Object.fromEntries(Object.entries(body.labels).map(([k, v]) => [k, v === null ? null : String(v)]));
      return { at, label: { node: str(body.node, `${where}.label.node`), labels } };
    }
    case 'cordon':
      return { at, cordon: { node: str(body.node, `${where}.cordon.node`) } };
    case 'uncordon':
      return { at, uncordon: { node: str(body.node, `${where}.uncordon.node`) } };
    case 'scale': {
      const replicas = num(body.replicas, `${where}.scale.replicas`);
      if (!Number.isInteger(replicas) || replicas < 0 || replicas > 1000) throw new ScenarioError(`${where}.scale.replicas: must be a whole number from 0 to 1000`);
      const s: Extract<Action, { scale: unknown }>['scale'] = { kind: str(body.kind, `${where}.scale.kind`), name: str(body.name, `${where}.scale.name`), replicas };
      if (typeof body.namespace === 'string') s.namespace = body.namespace;
      return { at, scale: s };
    }
    case 'rollout': {
      const act = body.do;
      if (!['restart', 'undo', 'pause', 'resume'].includes(act as string)) throw new ScenarioError(`${where}.rollout.do: must be restart, undo, pause or resume`);
      const r: Extract<Action, { rollout: unknown }>['rollout'] = { kind: str(body.kind, `${where}.rollout.kind`), name: str(body.name, `${where}.rollout.name`), do: act as 'restart' };
      if (typeof body.namespace === 'string') r.namespace = body.namespace;
      return { at, rollout: r };
    }
    case 'nodeCondition': {
      const ready = String(body.ready);
      if (!['True', 'False', 'Unknown'].includes(ready)) throw new ScenarioError(`${where}.nodeCondition.ready: must be "True", "False" or "Unknown"`);
      return { at, nodeCondition: { node: str(body.node, `${where}.nodeCondition.node`), ready: ready as 'True' } };
    }
  }
  throw new ScenarioError(`${where}: unknown action`);
}
