/**
 * A container's environment (kubelet_pods.go makeEnvironmentVariables): envFrom, env with $(VAR)
 * expansion and valueFrom, the service links (envvars.FromServices), and the image's own ENV.
 * A missing ConfigMap, Secret or key is a CreateContainerConfigError with the kubelet's message.
 */
import type { ConfigMapLike, SecretLike } from './volumes';
import type { Container, KubeObject, Node, Pod } from '../api/types';
import { expand } from './expansion';
import { amount } from './resources';

export interface EnvSources {
  configMap(ns: string, name: string): ConfigMapLike | undefined;
  secret(ns: string, name: string): SecretLike | undefined;
  /** Services whose variables the container sees, in creation order. */
  services(pod: Pod): KubeObject[];
  node(): Node | undefined;
}

export class EnvError extends Error {}

/**
 * The envFrom keys the kubelet takes: RelaxedEnvironmentVariableValidation is GA (locked on) in
 * v1.34, so any printable ASCII name without '=' (IsRelaxedEnvVarName) — `1st` and `my.key` included.
 * ConfigMap and Secret keys always pass, so nothing is skipped (no InvalidEnvironmentVariableNames).
 */
const ENV_NAME = /^[ -<>-~]+$/;

function envName(name: string): string {
  return name.toUpperCase().replace(/-/g, '_');
}

/** The service link variables of one Service (FromServices). */
export function serviceEnv(svc: KubeObject): [string, string][] {
  const spec = (svc.spec ?? {}) as { clusterIP?: string; ports?: { name?: string; port: number; protocol?: string }[] };
  const ip = spec.clusterIP;
  if (!ip || ip === 'None') return [];
  const ports = spec.ports ?? [];
  if (ports.length === 0) return [];
  const name = envName(svc.metadata!.name!);
  const out: [string, string][] = [];
  out.push([`${name}_SERVICE_HOST`, ip]);
  out.push([`${name}_SERVICE_PORT`, String(ports[0].port)]);
  for (const p of ports) if (p.name) out.push([`${name}_SERVICE_PORT_${envName(p.name)}`, String(p.port)]);
  const first = ports[0];
  out.push([`${name}_PORT`, `${(first.protocol ?? 'TCP').toLowerCase()}://${ip}:${first.port}`]);
  for (const p of ports) {
    const proto = p.protocol ?? 'TCP';
    const prefix = `${name}_PORT_${p.port}_${proto.toUpperCase()}`;
    out.push([prefix, `${proto.toLowerCase()}://${ip}:${p.port}`]);
    out.push([`${prefix}_PROTO`, proto.toLowerCase()]);
    out.push([`${prefix}_PORT`, String(p.port)]);
    out.push([`${prefix}_ADDR`, ip]);
  }
  return out;
}

function fieldValue(pod: Pod, path: string): string | undefined {
  const md = pod.metadata;
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return (m[1] === 'labels' ? md.labels : md.annotations)?.[m[2]] ?? '';
  switch (path) {
    case 'metadata.name': return md.name;
    case 'metadata.namespace': return md.namespace;
    case 'metadata.uid': return md.uid;
    case 'metadata.labels': return Object.entries(md.labels ?? {}).sort().map(([k, v]) => `${k}="${v}"`).join('\n');
    case 'metadata.annotations': return Object.entries(md.annotations ?? {}).sort().map(([k, v]) => `${k}="${v}"`).join('\n');
    case 'spec.nodeName': return pod.spec.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.spec.serviceAccountName ?? '';
    case 'status.hostIP': return pod.status?.hostIP ?? '';
    case 'status.hostIPs': return (pod.status?.hostIPs ?? []).map((x) => x.ip).join(',');
    case 'status.podIP': return pod.status?.podIP ?? '';
    case 'status.podIPs': return (pod.status?.podIPs ?? []).map((x) => x.ip).join(',');
    default: return undefined;
  }
}

/** A downward API field's value, for env and downwardAPI volumes. */
export function downwardField(pod: Pod, path: string): string {
  return fieldValue(pod, path) ?? '';
}

/** resourceFieldRef: a container's request or limit (limits default to node allocatable), over the divisor. */
export function resourceFieldValue(pod: Pod, container: Container | undefined, resource: string, divisor: string | undefined, node: Node | undefined): string {
  const [kind, name] = resource.split('.');
  const raw = kind === 'limits' ? container?.resources?.limits?.[name] ?? node?.status?.allocatable?.[name] : container?.resources?.requests?.[name];
  const base = name === 'cpu' ? amount('cpu', raw ?? '0') / 1000 : amount(name, raw ?? '0');
  const div = divisor ? (name === 'cpu' ? amount('cpu', divisor) / 1000 : amount(name, divisor)) : 1;
  return String(Math.ceil(base / (div || 1)));
}

function decode(secret: SecretLike, key: string): string | undefined {
  if (secret.data && key in secret.data) return base64Decode(secret.data[key]);
  if (secret.stringData && key in secret.stringData) return secret.stringData[key];
  return undefined;
}

export function base64Decode(s: string): string {
  try {
    const bin = atob(s);
    const bytes = Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
    return new TextDecoder().decode(bytes);
  } catch {
    return s;
  }
}

/** The environment a container starts with, in order; throws EnvError for a missing reference. */
export function containerEnv(pod: Pod, container: Container, imageEnv: Record<string, string>, sources: EnvSources): Map<string, string> {
  const ns = pod.metadata.namespace ?? 'default';
  const tmp = new Map<string, string>();
  const services = new Map<string, string>();
  const enableLinks = pod.spec.enableServiceLinks !== false;
  for (const svc of sources.services(pod)) {
    const isMaster = svc.metadata?.namespace === 'default' && svc.metadata?.name === 'kubernetes';
    if (!isMaster && (!enableLinks || svc.metadata?.namespace !== ns)) continue;
    for (const [k, v] of serviceEnv(svc)) if (!services.has(k)) services.set(k, v);
  }
  for (const from of container.envFrom ?? []) {
    if (from.configMapRef) {
      const cm = sources.configMap(ns, from.configMapRef.name ?? '');
      if (!cm) {
        if (from.configMapRef.optional) continue;
        throw new EnvError(`configmap "${from.configMapRef.name ?? ''}" not found`);
      }
      for (const [k, v] of Object.entries(cm.data ?? {})) {
        const name = (from.prefix ?? '') + k;
        if (ENV_NAME.test(name)) tmp.set(name, v);
      }
    } else if (from.secretRef) {
      const s = sources.secret(ns, from.secretRef.name ?? '');
      if (!s) {
        if (from.secretRef.optional) continue;
        throw new EnvError(`secret "${from.secretRef.name ?? ''}" not found`);
      }
      const keys = new Set([...Object.keys(s.data ?? {}), ...Object.keys(s.stringData ?? {})]);
      for (const k of keys) {
        const name = (from.prefix ?? '') + k;
        if (ENV_NAME.test(name)) tmp.set(name, decode(s, k) ?? '');
      }
    }
  }
  const lookup = (name: string) => tmp.get(name) ?? services.get(name);
  for (const e of container.env ?? []) {
    if (e.valueFrom === undefined) {
      tmp.set(e.name, expand(e.value ?? '', lookup));
      continue;
    }
    const vf = e.valueFrom;
    if (vf.fieldRef) tmp.set(e.name, fieldValue(pod, vf.fieldRef.fieldPath) ?? '');
    else if (vf.resourceFieldRef) {
      const target = vf.resourceFieldRef.containerName ? [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].find((c) => c.name === vf.resourceFieldRef!.containerName) : container;
      tmp.set(e.name, resourceFieldValue(pod, target, vf.resourceFieldRef.resource, vf.resourceFieldRef.divisor, sources.node()));
    } else if (vf.configMapKeyRef) {
      const ref = vf.configMapKeyRef;
      const cm = sources.configMap(ns, ref.name ?? '');
      if (!cm) {
        if (ref.optional) continue;
        throw new EnvError(`configmap "${ref.name ?? ''}" not found`);
      }
      const v = cm.data?.[ref.key];
      if (v === undefined) {
        if (ref.optional) continue;
        throw new EnvError(`couldn't find key ${ref.key} in ConfigMap ${ns}/${ref.name}`);
      }
      tmp.set(e.name, v);
    } else if (vf.secretKeyRef) {
      const ref = vf.secretKeyRef;
      const s = sources.secret(ns, ref.name ?? '');
      if (!s) {
        if (ref.optional) continue;
        throw new EnvError(`secret "${ref.name ?? ''}" not found`);
      }
      const v = decode(s, ref.key);
      if (v === undefined) {
        if (ref.optional) continue;
        throw new EnvError(`couldn't find key ${ref.key} in Secret ${ns}/${ref.name}`);
      }
      tmp.set(e.name, v);
    }
  }
  const env = new Map<string, string>();
  for (const [k, v] of Object.entries(imageEnv)) env.set(k, v);
  env.set('HOSTNAME', pod.spec.hostname ?? pod.metadata.name ?? '');
  env.set('HOME', '/root');
  for (const [k, v] of services) if (!tmp.has(k)) env.set(k, v);
  for (const [k, v] of tmp) env.set(k, v);
  return env;
}
