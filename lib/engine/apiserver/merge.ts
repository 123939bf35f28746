/**
 * What `kubectl apply` does to an object that already exists: a three-way strategic merge of the
 * last applied configuration (original), the new manifest (modified) and the stored object
 * (current). Fields the manifest sets win; fields it dropped since the last apply are removed;
 * fields only the server set (defaults, nodeName, the token volume) stay. Lists with a merge key
 * (containers by name, volumeMounts by mountPath, ...) merge item by item; other lists, like
 * tolerations and command, are replaced whole when the manifest's differs from the stored one.
 */
import { clone, deepEqual, isPlainObject } from './json';
import { type FieldType, structType } from './schema';

/** patchMergeKey of the list element types kubesim serves. */
const MERGE_KEYS: Record<string, string> = {
  Container: 'name',
  EphemeralContainer: 'name',
  Volume: 'name',
  VolumeMount: 'mountPath',
  VolumeDevice: 'devicePath',
  EnvVar: 'name',
  ContainerPort: 'containerPort',
  LocalObjectReference: 'name',
  OwnerReference: 'uid',
  HostAlias: 'ip',
  TopologySpreadConstraint: 'topologyKey',
  PodSchedulingGate: 'name',
  PodResourceClaim: 'name',
  ContainerResizePolicy: 'resourceName',
  ServicePort: 'port',
};

/**
 * Structs whose field carries patchStrategy "retainKeys" (DeploymentSpec.strategy, the items of
 * PodSpec.volumes): kubectl sends `$retainKeys` with the keys the manifest sets, and the server
 * clears every other key, so switching a Deployment to Recreate drops its rollingUpdate, and
 * switching a volume's source drops the old one.
 */
const RETAIN_KEYS = new Set(['DeploymentStrategy', 'Volume']);

type Obj = Record<string, unknown>;

function mergeKeyOf(t: FieldType): string | undefined {
  return t.t === 'array' && t.elem.t === 'struct' ? MERGE_KEYS[t.elem.name] : undefined;
}

function fieldsOf(t: FieldType | undefined): ((key: string) => FieldType | undefined) | undefined {
  if (!t) return undefined;
  if (t.t === 'struct') {
    const st = structType(t.name);
    return (k) => st.fields.get(k);
  }
  if (t.t === 'map') return () => t.elem;
  return undefined;
}

function mergeObject(orig: Obj | undefined, mod: Obj, cur: Obj | undefined, fields: (key: string) => FieldType | undefined): Obj {
  const out: Obj = cur ? { ...cur } : {};
  for (const k of Object.keys(mod)) out[k] = mergeValue(orig?.[k], mod[k], cur?.[k], fields(k));
  if (orig) for (const k of Object.keys(orig)) if (!(k in mod)) delete out[k];
  return out;
}

function mergeList(orig: unknown, mod: unknown[], cur: unknown, key: string, elem: FieldType): unknown[] {
  const current = Array.isArray(cur) ? (cur as Obj[]) : [];
  const original = Array.isArray(orig) ? (orig as Obj[]) : [];
  const find = (list: Obj[], k: unknown) => list.find((e) => isPlainObject(e) && deepEqual(e[key], k));
  const out: unknown[] = [];
  const taken = new Set<unknown>();
  for (const m of mod as Obj[]) {
    const k = isPlainObject(m) ? m[key] : undefined;
    const c = find(current, k);
    if (c) taken.add(c);
    out.push(c ? mergeValue(find(original, k), m, c, elem) : clone(m));
  }
  // Items only the server added stay; items the last apply had and this one dropped go.
  for (const c of current) {
    if (taken.has(c)) continue;
    if (isPlainObject(c) && find(original, c[key])) continue;
    out.push(c);
  }
  return out;
}

function mergeValue(orig: unknown, mod: unknown, cur: unknown, t: FieldType | undefined): unknown {
  if (isPlainObject(mod)) {
    const fields = fieldsOf(t);
    if (fields && (cur === undefined || isPlainObject(cur))) {
      const out = mergeObject(isPlainObject(orig) ? orig : undefined, mod, cur as Obj | undefined, fields);
      if (t?.t === 'struct' && RETAIN_KEYS.has(t.name)) {
        for (const k of Object.keys(out)) if (mod[k] === undefined || mod[k] === null) delete out[k];
      }
      return out;
    }
  }
  if (Array.isArray(mod) && t) {
    const key = mergeKeyOf(t);
    if (key && t.t === 'array') return mergeList(orig, mod, cur, key, t.elem);
  }
  // A scalar or a list without merge key: the manifest's value wins where it differs.
  return deepEqual(mod, cur) ? cur : clone(mod);
}

/** The object kubectl apply's patch turns `current` into. */
export function threeWayMerge(kind: string, original: Obj | undefined, modified: Obj, current: Obj): Obj {
  const st = structType(kind);
  return mergeObject(original, modified, current, (k) => st.fields.get(k));
}
