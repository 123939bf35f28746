/**
 * Downward API selectors: fieldRef (ObjectFieldSelector) and resourceFieldRef
 * (ResourceFieldSelector), for env vars and for downwardAPI volume files.
 */
import { canonicalQuantity, isQuantity } from '../../api/quantity';
import { type ErrorList, invalid, notSupported, required } from './field';
import { isQualifiedName } from './names';

const ENV_FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];
const VOLUME_FIELD_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];

const CONVERTIBLE = new Set([
  'metadata.annotations',
  'metadata.labels',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.restartPolicy',
  'spec.serviceAccountName',
  'spec.schedulerName',
  'status.phase',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
]);

/** fieldpath.SplitMaybeSubscriptedPath: `metadata.labels['app']` → [metadata.labels, app]. */
export function splitSubscriptedPath(path: string): [string, string] | undefined {
  if (!path.endsWith("']")) return undefined;
  const s = path.slice(0, -2);
  const at = s.indexOf("['");
  if (at <= 0) return undefined;
  return [s.slice(0, at), s.slice(at + 2)];
}

/** ConvertDownwardAPIFieldLabel: the internal field path, or the error text. */
function convertFieldLabel(version: string, label: string): { path?: string; error?: string } {
  if (version !== 'v1') return { error: `unsupported pod version: ${version}` };
  const sub = splitSubscriptedPath(label);
  if (sub) {
    if (sub[0] === 'metadata.annotations' || sub[0] === 'metadata.labels') return { path: label };
    return { error: `field label does not support subscript: ${label}` };
  }
  if (CONVERTIBLE.has(label)) return { path: label };
  if (label === 'spec.host') return { path: 'spec.nodeName' };
  return { error: `field label not supported: ${label}` };
}

export function validateObjectFieldSelector(
  fs: { apiVersion?: string; fieldPath?: string },
  use: 'env' | 'volume',
  field: string,
  errs: ErrorList,
): void {
  if (!fs.apiVersion) {
    errs.push(required(`${field}.apiVersion`));
    return;
  }
  if (!fs.fieldPath) {
    errs.push(required(`${field}.fieldPath`));
    return;
  }
  const converted = convertFieldLabel(fs.apiVersion, fs.fieldPath);
  if (converted.error) {
    errs.push(invalid(`${field}.fieldPath`, fs.fieldPath, `error converting fieldPath: ${converted.error}`));
    return;
  }
  const path = converted.path!;
  const sub = splitSubscriptedPath(path);
  if (sub) {
    const key = sub[0] === 'metadata.annotations' ? sub[1].toLowerCase() : sub[1];
    if (sub[0] === 'metadata.annotations' || sub[0] === 'metadata.labels') {
      for (const m of isQualifiedName(key)) errs.push(invalid(field, key, m));
    } else errs.push(invalid(field, sub[0], 'does not support subscript'));
    return;
  }
  const allowed = use === 'env' ? ENV_FIELD_PATHS : VOLUME_FIELD_PATHS;
  if (!allowed.includes(path)) errs.push(notSupported(`${field}.fieldPath`, path, allowed));
}

const RESOURCE_FIELD_PATHS = [
  'limits.cpu',
  'limits.ephemeral-storage',
  'limits.memory',
  'requests.cpu',
  'requests.ephemeral-storage',
  'requests.memory',
];
const CPU_DIVISORS = new Set(['1m', '1']);
const BYTE_DIVISORS = new Set(['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei']);
const BYTE_DIVISOR_TEXT = '1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei';

export function validateResourceFieldSelector(
  fs: { containerName?: string; resource?: string; divisor?: string },
  volume: boolean,
  field: string,
  errs: ErrorList,
): void {
  const resource = fs.resource ?? '';
  if (volume && !fs.containerName) errs.push(required(`${field}.containerName`));
  else if (!resource) errs.push(required(`${field}.resource`));
  else if (!RESOURCE_FIELD_PATHS.includes(resource) && !resource.startsWith('requests.hugepages-') && !resource.startsWith('limits.hugepages-')) {
    errs.push(notSupported(`${field}.resource`, resource, RESOURCE_FIELD_PATHS));
  }
  if (fs.divisor === undefined || !isQuantity(fs.divisor)) return;
  const divisor = canonicalQuantity(fs.divisor);
  if (divisor === '0') return;
  // The resource name, not the divisor, is what upstream reports as the bad value.
  const p = `${field}.divisor`;
  if (resource === 'limits.cpu' || resource === 'requests.cpu') {
    if (!CPU_DIVISORS.has(divisor)) errs.push(invalid(p, resource, "only divisor's values 1m and 1 are supported with the cpu resource"));
  } else if (resource === 'limits.memory' || resource === 'requests.memory') {
    if (!BYTE_DIVISORS.has(divisor)) errs.push(invalid(p, resource, `only divisor's values ${BYTE_DIVISOR_TEXT} are supported with the memory resource`));
  } else if (resource === 'limits.ephemeral-storage' || resource === 'requests.ephemeral-storage') {
    if (!BYTE_DIVISORS.has(divisor)) {
      errs.push(invalid(p, resource, `only divisor's values ${BYTE_DIVISOR_TEXT} are supported with the local ephemeral storage resource`));
    }
  }
  if ((resource.startsWith('requests.hugepages-') || resource.startsWith('limits.hugepages-')) && !BYTE_DIVISORS.has(divisor)) {
    errs.push(invalid(p, resource, `only divisor's values ${BYTE_DIVISOR_TEXT} are supported with the hugepages resource`));
  }
}
