/**
 * The other core/v1 kinds: Service, ConfigMap, Secret, Namespace, Node, ServiceAccount.
 */
import type { KubeObject, ObjectMeta, Taint } from '../../api/types';
import { validatePortNumOrName } from './container';
import { duplicate, type ErrorList, forbidden, IMMUTABLE, invalid, notSupported, required, tooLong } from './field';
import { goSlice, marshalled } from './gomarshal';
import { servicePortValue, taintValue } from './internal';
import { CIDR_ERROR, isIPv4, isValidCIDR, validateIP, validateNonSpecialIP } from './ip';
import { base64Bytes, unmarshalMapError } from './gojson';
import { validateLabelName, validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { isConfigMapKey, isDNS1123Label, isQualifiedName, isValidLabelValue, nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain } from './names';
import { validateTaintEffect } from './scheduling';
import { validateResourceQuantityValue } from './resources';

const MAX_SECRET_SIZE = 1024 * 1024;

// ---- Service ------------------------------------------------------------------------------

interface ServicePort {
  name?: string;
  protocol?: string;
  appProtocol?: string;
  port?: number;
  targetPort?: number | string;
  nodePort?: number;
}

interface ServiceSpec {
  type?: string;
  ports?: ServicePort[];
  selector?: Record<string, string>;
  clusterIP?: string;
  clusterIPs?: string[];
  externalName?: string;
  sessionAffinity?: string;
  sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } };
  externalTrafficPolicy?: string;
  internalTrafficPolicy?: string;
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
  externalIPs?: string[];
  loadBalancerSourceRanges?: string[];
  allocateLoadBalancerNodePorts?: boolean;
  loadBalancerClass?: string;
  healthCheckNodePort?: number;
  trafficDistribution?: string;
}

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
export const NODE_PORT_RANGE: [number, number] = [30000, 32767];

function isHeadless(spec: ServiceSpec): boolean {
  return spec.clusterIPs?.length === 1 && spec.clusterIPs[0] === 'None';
}

/** ValidateServiceCreate: the name is a DNS-1035 label (RelaxedServiceNameValidation is off in v1.34). */
export function validateService(svc: KubeObject, errs: ErrorList): void {
  validateObjectMeta(svc.metadata as ObjectMeta, true, nameIsDNS1035Label, 'metadata', errs);
  validateServiceSpec(svc, errs);
}

/** validateService: what both create and update check (update does not re-run ValidateObjectMeta). */
function validateServiceSpec(svc: KubeObject, errs: ErrorList): void {
  const spec = (svc.spec ?? {}) as ServiceSpec;
  const ports = spec.ports ?? [];
  if (ports.length === 0 && !isHeadless(spec) && spec.type !== 'ExternalName') errs.push(required('spec.ports'));
  if (spec.type === 'LoadBalancer' && isHeadless(spec)) errs.push(invalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for LoadBalancer services"));
  if (spec.type === 'NodePort' && isHeadless(spec)) errs.push(invalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for NodePort services"));
  if (spec.type === 'ExternalName') {
    if (spec.clusterIPs?.length) errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    if (spec.ipFamilies?.length) errs.push(forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (spec.ipFamilyPolicy !== undefined) errs.push(forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    const cname = (spec.externalName ?? '').replace(/\.$/, '');
    if (cname) for (const m of nameIsDNSSubdomain(cname, false)) errs.push(invalid('spec.externalName', cname, m));
    else errs.push(required('spec.externalName'));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const pp = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name) errs.push(required(`${pp}.name`));
    else if (p.name) {
      for (const m of isDNS1123Label(p.name)) errs.push(invalid(`${pp}.name`, p.name, m));
      if (names.has(p.name)) errs.push(duplicate(`${pp}.name`, p.name));
      else names.add(p.name);
    }
    const port = p.port ?? 0;
    if (port < 1 || port > 65535) errs.push(invalid(`${pp}.port`, port, 'must be between 1 and 65535, inclusive'));
    if (!p.protocol) errs.push(required(`${pp}.protocol`));
    else if (!PROTOCOLS.includes(p.protocol)) errs.push(notSupported(`${pp}.protocol`, p.protocol, PROTOCOLS));
    validatePortNumOrName(p.targetPort, `${pp}.targetPort`, errs);
    if (p.appProtocol !== undefined) for (const m of isQualifiedName(p.appProtocol)) errs.push(invalid(`${pp}.appProtocol`, p.appProtocol, m));
  });
  if (spec.selector) validateLabels(spec.selector, 'spec.selector', errs);
  const affinity = spec.sessionAffinity ?? '';
  if (!affinity) errs.push(required('spec.sessionAffinity'));
  else if (affinity !== 'ClientIP' && affinity !== 'None') errs.push(notSupported('spec.sessionAffinity', affinity, ['ClientIP', 'None']));
  if (affinity === 'ClientIP') validateClientIPAffinityConfig(spec, errs);
  else if (affinity === 'None' && spec.sessionAffinityConfig) {
    errs.push(forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }
  validateServiceClusterIPsRelatedFields(spec, errs);
  spec.externalIPs?.forEach((ip, i) => {
    if (validateIP(ip, `spec.externalIPs[${i}]`, errs)) validateNonSpecialIP(ip, `spec.externalIPs[${i}]`, errs);
  });
  const type = spec.type ?? '';
  if (!type) errs.push(required('spec.type'));
  else if (!SERVICE_TYPES.includes(type)) errs.push(notSupported('spec.type', type, SERVICE_TYPES));
  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (p.nodePort) errs.push(forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    const key = `${p.protocol}/${p.nodePort}`;
    if (nodePorts.has(key)) errs.push(duplicate(`spec.ports[${i}].nodePort`, p.nodePort));
    nodePorts.add(key);
  });
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.protocol}/${p.port}`;
    if (seen.has(key)) errs.push(duplicate(`spec.ports[${i}]`, marshalled(servicePortValue({ protocol: p.protocol, port: p.port }))));
    seen.add(key);
  });
  if (spec.loadBalancerSourceRanges?.length) {
    // Upstream spells the path with a capital L.
    if (type !== 'LoadBalancer') errs.push(forbidden('spec.LoadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"));
    spec.loadBalancerSourceRanges.forEach((r, i) => {
      // IsValidCIDRForLegacyField on the trimmed value (StrictIPCIDRValidation is off in v1.34).
      const v = r.trim();
      if (!isValidCIDR(v)) errs.push(invalid(`spec.LoadBalancerSourceRanges[${i}]`, v, CIDR_ERROR));
    });
  }
  if (spec.allocateLoadBalancerNodePorts !== undefined && type !== 'LoadBalancer') {
    errs.push(forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  // validateLoadBalancerClassField
  if (spec.loadBalancerClass !== undefined) {
    if (type !== 'LoadBalancer') errs.push(forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"));
    else for (const m of isQualifiedName(spec.loadBalancerClass)) errs.push(invalid('spec.loadBalancerClass', spec.loadBalancerClass, m));
  }
  const external = type === 'NodePort' || type === 'LoadBalancer' || (spec.externalIPs?.length ?? 0) > 0;
  if (!external && spec.externalTrafficPolicy) {
    errs.push(invalid('spec.externalTrafficPolicy', spec.externalTrafficPolicy, 'may only be set for externally-accessible services'));
  } else if (external && !spec.externalTrafficPolicy) {
    errs.push(required('spec.externalTrafficPolicy'));
  } else if (external && spec.externalTrafficPolicy !== 'Cluster' && spec.externalTrafficPolicy !== 'Local') {
    errs.push(notSupported('spec.externalTrafficPolicy', spec.externalTrafficPolicy ?? '', ['Cluster', 'Local']));
  }
  if (spec.internalTrafficPolicy === undefined && (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP')) {
    errs.push(required('spec.internalTrafficPolicy'));
  } else if (spec.internalTrafficPolicy !== undefined && spec.internalTrafficPolicy !== 'Cluster' && spec.internalTrafficPolicy !== 'Local') {
    errs.push(notSupported('spec.internalTrafficPolicy', spec.internalTrafficPolicy, ['Cluster', 'Local']));
  }
  // validateServiceTrafficDistribution: PreferSameTrafficDistribution is on (beta) in v1.34.
  if (spec.trafficDistribution !== undefined && !TRAFFIC_DISTRIBUTIONS.includes(spec.trafficDistribution)) {
    errs.push(notSupported('spec.trafficDistribution', spec.trafficDistribution, TRAFFIC_DISTRIBUTIONS));
  }
}

const TRAFFIC_DISTRIBUTIONS = ['PreferClose', 'PreferSameZone', 'PreferSameNode'];

/** core.MaxClientIPServiceAffinitySeconds: a day. */
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;

/** validateClientIPAffinityConfig (defaulting has filled in timeoutSeconds unless it was given). */
function validateClientIPAffinityConfig(spec: ServiceSpec, errs: ErrorList): void {
  const p = 'spec.sessionAffinityConfig';
  const cfg = spec.sessionAffinityConfig;
  if (!cfg) errs.push(required(p, 'when session affinity type is ClientIP'));
  else if (!cfg.clientIP) errs.push(required(`${p}.clientIP`, 'when session affinity type is ClientIP'));
  else if (cfg.clientIP.timeoutSeconds === undefined) errs.push(required(`${p}.clientIP.timeoutSeconds`, 'when session affinity type is ClientIP'));
  else {
    const t = cfg.clientIP.timeoutSeconds;
    if (t <= 0 || t > MAX_CLIENT_IP_AFFINITY_SECONDS) {
      errs.push(invalid(`${p}.clientIP.timeoutSeconds`, t, `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`));
    }
  }
}

const IP_FAMILIES = ['IPv4', 'IPv6'];
const IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];

/**
 * ValidateServiceClusterIPsRelatedFields: clusterIP and clusterIPs agree, the families and the
 * policy are known values, and each cluster IP is an address ('None' only alone).
 */
export function validateServiceClusterIPsRelatedFields(specIn: object, errs: ErrorList): void {
  const spec = specIn as ServiceSpec;
  if (spec.type === 'ExternalName') return;
  const ips = spec.clusterIPs ?? [];
  const ipsValue = () => marshalled(goSlice(spec.clusterIPs));
  if (spec.clusterIP) {
    if (ips.length === 0) errs.push(required('spec.clusterIPs'));
    else if (ips[0] !== spec.clusterIP) errs.push(invalid('spec.clusterIPs', ipsValue(), 'first value must match `clusterIP`'));
  } else if (ips.length) {
    errs.push(invalid('spec.clusterIPs', ipsValue(), 'must be empty when `clusterIP` is not specified'));
  }
  const seen = new Set<string>();
  spec.ipFamilies?.forEach((f, i) => {
    if (!IP_FAMILIES.includes(f)) errs.push(notSupported(`spec.ipFamilies[${i}]`, f, IP_FAMILIES));
    if (seen.has(f)) errs.push(duplicate(`spec.ipFamilies[${i}]`, f));
    seen.add(f);
  });
  if (spec.ipFamilyPolicy !== undefined && !IP_FAMILY_POLICIES.includes(spec.ipFamilyPolicy)) {
    errs.push(notSupported('spec.ipFamilyPolicy', spec.ipFamilyPolicy, IP_FAMILY_POLICIES));
  }
  let bad = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        bad = true;
        errs.push(invalid('spec.clusterIPs', ipsValue(), "'None' must be the first and only value"));
      }
      return;
    }
    if (!validateIP(ip, `spec.clusterIPs[${i}]`, errs)) bad = true;
  });
  if (ips.length > 2) errs.push(invalid('spec.clusterIPs', ipsValue(), 'may only hold up to 2 values'));
  if (bad) return;
  if (ips.length > 1 && !(ips.length === 2 && isIPv4(ips[0]) !== isIPv4(ips[1]))) {
    errs.push(invalid('spec.clusterIPs', ipsValue(), 'may specify no more than one IP for each IP family'));
  }
}

/** validateUpgradeDowngradeClusterIPs: the primary cluster IP never changes once set. */
function validateClusterIPsUpdate(a: ServiceSpec, b: ServiceSpec, errs: ErrorList): void {
  if (a.type === 'ExternalName' || b.type === 'ExternalName') return;
  if (isHeadless(a) && isHeadless(b)) return;
  const next = a.clusterIPs ?? [];
  const prev = b.clusterIPs ?? [];
  const value = () => marshalled(goSlice(a.clusterIPs));
  if (next.length === prev.length) {
    prev.forEach((ip, i) => {
      if (ip !== next[i]) errs.push(invalid(`spec.clusterIPs[${i}]`, value(), 'may not change once set'));
    });
  } else if (prev.length > next.length) {
    if (next.length === 0) errs.push(invalid('spec.clusterIPs[0]', value(), 'primary clusterIP can not be unset'));
    else if (next[0] !== prev[0]) errs.push(invalid('spec.clusterIPs[0]', value(), 'may not change once set'));
    if (next.length === 1 && a.ipFamilyPolicy !== 'SingleStack') {
      errs.push(invalid('spec.ipFamilyPolicy', a.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
    }
  } else if (prev.length > 0 && next[0] !== prev[0]) {
    errs.push(invalid('spec.clusterIPs[0]', value(), 'may not change once set'));
  }
}

export function validateServiceUpdate(svc: KubeObject, old: KubeObject, errs: ErrorList): void {
  validateObjectMetaUpdate(svc.metadata as ObjectMeta, old.metadata as ObjectMeta, 'metadata', errs);
  validateClusterIPsUpdate((svc.spec ?? {}) as ServiceSpec, (old.spec ?? {}) as ServiceSpec, errs);
  validateServiceSpec(svc, errs);
}

// ---- ConfigMap and Secret -----------------------------------------------------------------

function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}

export function validateConfigMap(cm: KubeObject, errs: ErrorList): void {
  validateObjectMeta(cm.metadata as ObjectMeta, true, nameIsDNSSubdomain, 'metadata', errs);
  const data = (cm.data ?? {}) as Record<string, string>;
  const binary = (cm.binaryData ?? {}) as Record<string, string>;
  let total = 0;
  for (const key of Object.keys(data)) {
    for (const m of isConfigMapKey(key)) errs.push(invalid(`data[${key}]`, key, m));
    if (key in binary) errs.push(invalid(`data[${key}]`, key, 'duplicate of key present in binaryData'));
    total += byteLength(data[key]);
  }
  for (const key of Object.keys(binary)) {
    for (const m of isConfigMapKey(key)) errs.push(invalid(`binaryData[${key}]`, key, m));
    total += base64Length(binary[key]);
  }
  // field.NewPath("") prints as "[]": the error is about the whole object.
  if (total > MAX_SECRET_SIZE) errs.push(tooLong('[]', MAX_SECRET_SIZE));
}

function base64Length(b64: string): number {
  const clean = b64.replace(/[\r\n]/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - pad;
}

function validateImmutableData(obj: KubeObject, old: KubeObject, fields: string[], errs: ErrorList): void {
  if (old.immutable !== true) return;
  if (obj.immutable !== true) errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const f of fields) {
    if (JSON.stringify(obj[f] ?? {}) !== JSON.stringify(old[f] ?? {})) errs.push(forbidden(f, 'field is immutable when `immutable` is set'));
  }
}

export function validateConfigMapUpdate(cm: KubeObject, old: KubeObject, errs: ErrorList): void {
  validateObjectMetaUpdate(cm.metadata as ObjectMeta, old.metadata as ObjectMeta, 'metadata', errs);
  validateImmutableData(cm, old, ['data', 'binaryData'], errs);
  validateConfigMap(cm, errs);
}

const REQUIRED_SECRET_KEYS: Record<string, string[]> = {
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
};

export function validateSecret(secret: KubeObject, errs: ErrorList): void {
  const md = secret.metadata as ObjectMeta;
  validateObjectMeta(md, true, nameIsDNSSubdomain, 'metadata', errs);
  const data = (secret.data ?? {}) as Record<string, string>;
  let total = 0;
  for (const key of Object.keys(data)) {
    for (const m of isConfigMapKey(key)) errs.push(invalid(`data[${key}]`, key, m));
    total += base64Length(data[key]);
  }
  if (total > MAX_SECRET_SIZE) errs.push(tooLong('data', MAX_SECRET_SIZE));
  const type = (secret.type as string | undefined) ?? '';
  if (type === 'kubernetes.io/service-account-token') {
    if (!md.annotations?.['kubernetes.io/service-account.name']) errs.push(required('metadata.annotations[kubernetes.io/service-account.name]'));
  } else if (type === 'kubernetes.io/basic-auth') {
    if (!('username' in data) && !('password' in data)) {
      errs.push(required('data[username]'));
      errs.push(required('data[password]'));
    }
  } else {
    for (const key of REQUIRED_SECRET_KEYS[type] ?? []) {
      if (!(key in data) || (type === 'kubernetes.io/ssh-auth' && !data[key])) errs.push(required(`data[${key}]`));
    }
  }
  // The docker config types must hold well-formed JSON (an object); the contents stay redacted.
  if (type === 'kubernetes.io/dockercfg' || type === 'kubernetes.io/dockerconfigjson') {
    const key = REQUIRED_SECRET_KEYS[type][0];
    const err = key in data ? unmarshalMapError(base64Bytes(data[key])) : undefined;
    if (err) errs.push(invalid(`data[${key}]`, '<secret contents redacted>', err));
  }
}

export function validateSecretUpdate(secret: KubeObject, old: KubeObject, errs: ErrorList): void {
  validateObjectMetaUpdate(secret.metadata as ObjectMeta, old.metadata as ObjectMeta, 'metadata', errs);
  if ((secret.type ?? '') !== (old.type ?? '')) errs.push(invalid('type', (secret.type as string) ?? '', IMMUTABLE));
  validateImmutableData(secret, old, ['data'], errs);
  validateSecret(secret, errs);
}

// ---- Namespace, ServiceAccount, Node ------------------------------------------------------

export function validateNamespace(ns: KubeObject, errs: ErrorList): void {
  validateObjectMeta(ns.metadata as ObjectMeta, false, nameIsDNSLabel, 'metadata', errs);
  const finalizers = ((ns.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []) as string[];
  for (const f of finalizers) {
    for (const m of isQualifiedName(f)) errs.push(invalid('spec.finalizers', f, m));
    // helper.IsStandardFinalizerName: kubernetes, orphan and foregroundDeletion.
    if (!f.includes('/') && f !== 'kubernetes' && f !== 'orphan' && f !== 'foregroundDeletion') errs.push(invalid('spec.finalizers', f, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
}

export function validateServiceAccount(sa: KubeObject, errs: ErrorList): void {
  validateObjectMeta(sa.metadata as ObjectMeta, true, nameIsDNSSubdomain, 'metadata', errs);
}

/** Upstream validates node taints under metadata.taints, not spec.taints. */
function validateNodeTaints(taints: Taint[] | undefined, errs: ErrorList): void {
  const seen = new Map<string, Set<string>>();
  taints?.forEach((t, i) => {
    const p = `metadata.taints[${i}]`;
    validateLabelName(t.key ?? '', `${p}.key`, errs);
    const msgs = isValidLabelValue(t.value ?? '');
    if (msgs.length) errs.push(invalid(`${p}.value`, t.value ?? '', msgs.join(';')));
    validateTaintEffect(t.effect, false, `${p}.effect`, errs);
    const keys = seen.get(t.effect ?? '') ?? new Set<string>();
    if (keys.has(t.key ?? '')) {
      errs.push({
        type: 'FieldValueDuplicate',
        field: p,
        badValue: marshalled(taintValue(t)),
        detail: 'taints must be unique by key and effect pair',
      });
      return;
    }
    keys.add(t.key ?? '');
    seen.set(t.effect ?? '', keys);
  });
}

function validateNodeResources(node: KubeObject, errs: ErrorList): void {
  const status = (node.status ?? {}) as { capacity?: Record<string, string>; allocatable?: Record<string, string> };
  for (const list of ['capacity', 'allocatable'] as const) {
    const rl = status[list];
    if (!rl) continue;
    for (const k of Object.keys(rl)) validateResourceQuantityValue(k, rl[k], `status.${list}.${k}`, errs);
  }
}

export function validateNode(node: KubeObject, errs: ErrorList): void {
  validateObjectMeta(node.metadata as ObjectMeta, false, nameIsDNSSubdomain, 'metadata', errs);
  validateNodeTaints((node.spec as { taints?: Taint[] } | undefined)?.taints, errs);
  validateNodeResources(node, errs);
}

export function validateNodeUpdate(node: KubeObject, old: KubeObject, errs: ErrorList): void {
  validateObjectMetaUpdate(node.metadata as ObjectMeta, old.metadata as ObjectMeta, 'metadata', errs);
  validateNodeResources(node, errs);
  validateNodeTaints((node.spec as { taints?: Taint[] } | undefined)?.taints, errs);
}
