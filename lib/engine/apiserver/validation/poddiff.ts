/**
 * The diff the API server appends to "pod updates may not change fields other than ...". Upstream
 * prints go-cmp's Diff of the internal PodSpec structs, whose exact layout go-cmp deliberately
 * keeps unstable; this renders the same shape (nested structs opened where they differ, `-` for
 * the stored value and `+` for the new one, runs of identical fields elided) so a learner can see
 * what changed.
 */
import type { PodSpec } from '../../api/types';
import { deepEqual, isPlainObject } from '../json';

const GO_NAMES: Record<string, string> = {
  dnsPolicy: 'DNSPolicy',
  hostIPC: 'HostIPC',
  hostPID: 'HostPID',
  dnsConfig: 'DNSConfig',
  os: 'OS',
  setHostnameAsFQDN: 'SetHostnameAsFQDN',
  httpGet: 'HTTPGet',
  tcpSocket: 'TCPSocket',
  grpc: 'GRPC',
  hostIP: 'HostIP',
  tty: 'TTY',
};

// The first fields of core.PodSpec, in declaration order, so the diff lists them as go-cmp would.
const POD_SPEC_ORDER = [
  'volumes',
  'initContainers',
  'containers',
  'ephemeralContainers',
  'restartPolicy',
  'terminationGracePeriodSeconds',
  'activeDeadlineSeconds',
  'dnsPolicy',
  'nodeSelector',
  'serviceAccountName',
  'automountServiceAccountToken',
  'nodeName',
  'securityContext',
  'imagePullSecrets',
  'hostname',
  'subdomain',
  'setHostnameAsFQDN',
  'affinity',
  'schedulerName',
  'tolerations',
  'hostAliases',
  'priorityClassName',
  'priority',
  'preemptionPolicy',
  'dnsConfig',
  'readinessGates',
  'runtimeClassName',
  'overhead',
  'enableServiceLinks',
  'topologySpreadConstraints',
  'os',
  'schedulingGates',
  'resourceClaims',
  'resources',
];

// Fields holding Go maps: their keys print as quoted strings, not as field names.
const MAP_FIELDS = new Set(['limits', 'requests', 'nodeSelector', 'labels', 'annotations', 'overhead', 'volumeAttributes', 'matchLabels']);

function goName(key: string): string {
  return GO_NAMES[key] ?? key[0].toUpperCase() + key.slice(1);
}

function render(v: unknown): string {
  return v === undefined ? 'nil' : JSON.stringify(v);
}

function keysOf(a: Record<string, unknown>, b: Record<string, unknown>, order?: string[]): string[] {
  const keys = order ? [...order] : [];
  for (const k of [...Object.keys(a), ...Object.keys(b)]) if (!keys.includes(k)) keys.push(k);
  return keys;
}

function diffFields(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  indent: string,
  lines: string[],
  order?: string[],
  isMap = false,
): void {
  let same = 0;
  const flush = () => {
    if (same) lines.push(`  ${indent}... // ${same} identical field${same === 1 ? '' : 's'}`);
    same = 0;
  };
  for (const k of keysOf(a, b, order)) {
    const x = a[k];
    const y = b[k];
    if (deepEqual(x, y)) {
      if (x !== undefined || y !== undefined || (order && order.includes(k))) same++;
      continue;
    }
    flush();
    diffValue(isMap ? `${JSON.stringify(k)}: ` : `${goName(k)}: `, x, y, indent, lines, MAP_FIELDS.has(k));
  }
  flush();
}

function diffValue(label: string, x: unknown, y: unknown, indent: string, lines: string[], isMap = false): void {
  if (isPlainObject(x) && isPlainObject(y)) {
    lines.push(`  ${indent}${label}{`);
    diffFields(x, y, indent + '\t', lines, undefined, isMap);
    lines.push(`  ${indent}},`);
    return;
  }
  if (Array.isArray(x) && Array.isArray(y) && x.length === y.length) {
    lines.push(`  ${indent}${label}{`);
    x.forEach((el, i) => {
      if (deepEqual(el, y[i])) lines.push(`  ${indent}\t${render(el)},`);
      else diffValue('', el, y[i], indent + '\t', lines);
    });
    lines.push(`  ${indent}},`);
    return;
  }
  lines.push(`- ${indent}${label}${render(x)},`);
  lines.push(`+ ${indent}${label}${render(y)},`);
}

export function podSpecDiff(oldSpec: PodSpec, newSpec: PodSpec): string {
  const lines = ['  core.PodSpec{'];
  diffFields(oldSpec as unknown as Record<string, unknown>, newSpec as unknown as Record<string, unknown>, '\t', lines, POD_SPEC_ORDER);
  lines.push('  }');
  return lines.join('\n') + '\n';
}
