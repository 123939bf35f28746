/**
 * Defaulting, as the API server's scheme applies it after decoding (pkg/apis/core/v1/defaults.go,
 * pkg/apis/apps/v1/defaults.go and the `+default` markers on the v1 types). It works in place on a
 * decoded object and is idempotent, so it runs again after an update is merged.
 */
import type { Container, KubeObject, PodSpec, Probe, Volume } from '../api/types';
import { isPlainObject } from './json';
import { defaultPodRequests } from './podresources';

type Obj = Record<string, unknown>;

const DEFAULT_MODE = 0o644; // 420: secret, configMap, downwardAPI and projected volumes

// distribution/reference's grammar, enough to tell a tag from a registry port.
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const DOMAIN = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?';
const REFERENCE_RE = new RegExp(
  `^((?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::([\\w][\\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$`,
);

/**
 * parsers.ParseImageName's tag: the explicit tag, "latest" when there is neither tag nor digest,
 * "" when only a digest is given or the reference does not parse.
 */
export function imageTag(image: string): string {
  const m = REFERENCE_RE.exec(image);
  if (!m) return '';
  if (m[2]) return m[2];
  return m[3] ? '' : 'latest';
}

/** SetDefaults_Container: an empty pull policy follows the tag (Always for :latest). */
export function defaultPullPolicy(image: string | undefined): 'Always' | 'IfNotPresent' {
  return imageTag(image ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultHandler(h: Obj | undefined): void {
  const get = h?.httpGet as Obj | undefined;
  if (get) {
    get.path ??= '/';
    get.scheme ??= 'HTTP';
  }
}

function defaultProbe(p: Probe | undefined): void {
  if (!p) return;
  defaultHandler(p as unknown as Obj);
  // GRPCAction.Service carries `+default=""`: zz_generated.defaults.go sets an omitted service to "".
  if (p.grpc) p.grpc.service ??= '';
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
}

function defaultFieldSelectors(items: Obj[] | undefined): void {
  for (const item of items ?? []) {
    const ref = item.fieldRef as Obj | undefined;
    if (ref) ref.apiVersion ??= 'v1';
    const res = item.resourceFieldRef as Obj | undefined;
    // divisor is a value (not pointer) Quantity, so an unset one is written out as "0".
    if (res) res.divisor ??= '0';
  }
}

function defaultContainer(c: Container): void {
  c.imagePullPolicy ??= defaultPullPolicy(c.image);
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  // ResourceRequirements is a value struct: Go always writes it, if only as {}.
  c.resources ??= {};
  for (const p of c.ports ?? []) p.protocol ??= 'TCP';
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  defaultHandler(c.lifecycle?.postStart as Obj | undefined);
  defaultHandler(c.lifecycle?.preStop as Obj | undefined);
  for (const e of c.env ?? []) {
    const from = e.valueFrom as Obj | undefined;
    if (from) defaultFieldSelectors([from]);
  }
}

function defaultVolume(v: Volume): void {
  const vol = v as unknown as Obj;
  const hasSource = Object.keys(vol).some((k) => k !== 'name' && vol[k] !== undefined);
  if (!hasSource) vol.emptyDir = {};
  if (isPlainObject(vol.secret)) vol.secret.defaultMode ??= DEFAULT_MODE;
  if (isPlainObject(vol.configMap)) vol.configMap.defaultMode ??= DEFAULT_MODE;
  if (isPlainObject(vol.hostPath)) vol.hostPath.type ??= '';
  if (isPlainObject(vol.downwardAPI)) {
    vol.downwardAPI.defaultMode ??= DEFAULT_MODE;
    defaultFieldSelectors(vol.downwardAPI.items as Obj[] | undefined);
  }
  if (isPlainObject(vol.projected)) {
    vol.projected.defaultMode ??= DEFAULT_MODE;
    for (const s of (vol.projected.sources as Obj[] | undefined) ?? []) {
      if (isPlainObject(s.serviceAccountToken)) s.serviceAccountToken.expirationSeconds ??= 3600;
      if (isPlainObject(s.downwardAPI)) defaultFieldSelectors(s.downwardAPI.items as Obj[] | undefined);
    }
  }
}

/** SetDefaults_PodSpec and everything below it: the part pod templates share with pods. */
export function defaultPodSpec(spec: PodSpec): void {
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.restartPolicy ??= 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ??= 'default-scheduler';
  // v1 conversion: the deprecated serviceAccount alias fills in for, and then mirrors, serviceAccountName.
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  for (const v of spec.volumes ?? []) defaultVolume(v);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.ephemeralContainers ?? []) defaultContainer(c);
}

/** SetDefaults_Pod: what only a Pod (not a template) gets. */
export function defaultPod(pod: KubeObject): void {
  const spec = ((pod.spec as PodSpec | undefined) ?? (pod.spec = {} as PodSpec)) as PodSpec;
  defaultPodSpec(spec);
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const limits = c.resources?.limits;
    if (!limits) continue;
    // Requests left out are taken from the limits, resource by resource.
    const requests = (c.resources!.requests ??= {});
    for (const k of Object.keys(limits)) if (!(k in requests)) requests[k] = limits[k];
  }
  spec.enableServiceLinks ??= true;
  defaultPodRequests(spec);
  if (spec.hostNetwork) {
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      for (const p of c.ports ?? []) if (!p.hostPort) p.hostPort = p.containerPort;
    }
  }
}

function defaultTemplate(spec: Obj): void {
  const template = (spec.template ??= {}) as Obj;
  template.metadata ??= {};
  defaultPodSpec((template.spec ??= {}) as PodSpec);
}

export function defaultDeployment(d: KubeObject): void {
  const spec = (d.spec ??= {}) as Obj;
  spec.replicas ??= 1;
  const strategy = (spec.strategy ??= {}) as Obj;
  strategy.type ??= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {}) as Obj;
    ru.maxUnavailable ??= '25%';
    ru.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultTemplate(spec);
}

export function defaultReplicaSet(rs: KubeObject): void {
  const spec = (rs.spec ??= {}) as Obj;
  spec.replicas ??= 1;
  defaultTemplate(spec);
}

export function defaultService(svc: KubeObject): void {
  const spec = (svc.spec ??= {}) as Obj;
  spec.sessionAffinity ??= 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const cfg = spec.sessionAffinityConfig as { clientIP?: { timeoutSeconds?: number } } | undefined;
    if (cfg?.clientIP?.timeoutSeconds === undefined) spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  spec.type ??= 'ClusterIP';
  for (const p of (spec.ports as Obj[] | undefined) ?? []) {
    p.protocol ??= 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  const type = spec.type;
  const external = type === 'NodePort' || type === 'LoadBalancer' || ((spec.externalIPs as unknown[] | undefined)?.length ?? 0) > 0;
  if (external) spec.externalTrafficPolicy ??= 'Cluster';
  if (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP') spec.internalTrafficPolicy ??= 'Cluster';
  if (type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding, of the UTF-8 bytes (the engine also runs in browsers: no Buffer). */
export function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? B64[n & 63] : '=';
  }
  return out;
}

/** SetDefaults_Secret, and v1 → internal conversion, which folds stringData into data. */
export function defaultSecret(secret: KubeObject): void {
  secret.type ??= 'Opaque';
  const stringData = secret.stringData as Record<string, string> | undefined;
  if (stringData) {
    const data = ((secret.data as Record<string, string> | undefined) ?? {}) as Record<string, string>;
    for (const k of Object.keys(stringData)) data[k] = base64(stringData[k]);
    secret.data = data;
    delete secret.stringData;
  }
}

export function defaultNamespace(ns: KubeObject): void {
  const md = (ns.metadata ??= {});
  if (md.name) md.labels = { ...(md.labels ?? {}), 'kubernetes.io/metadata.name': md.name };
}

export function defaultNode(node: KubeObject): void {
  const status = node.status as Obj | undefined;
  if (status && status.allocatable === undefined && status.capacity !== undefined) status.allocatable = { ...(status.capacity as Obj) };
}

/** SetDefaults_PriorityClass (scheduling/v1). */
export function defaultPriorityClass(pc: KubeObject): void {
  pc.preemptionPolicy ??= 'PreemptLowerPriority';
}

/** The scheme's defaulting for a decoded object of any served kind. */
export function applyDefaults(obj: KubeObject): void {
  switch (obj.kind) {
    case 'Pod':
      return defaultPod(obj);
    case 'Deployment':
      return defaultDeployment(obj);
    case 'ReplicaSet':
      return defaultReplicaSet(obj);
    case 'Service':
      return defaultService(obj);
    case 'Secret':
      return defaultSecret(obj);
    case 'Namespace':
      return defaultNamespace(obj);
    case 'Node':
      return defaultNode(obj);
    case 'PriorityClass':
      return defaultPriorityClass(obj);
  }
}
