/**
 * The Init Containers / Containers sections of `kubectl describe pod` (describeContainers and its
 * helpers in k8s.io/kubectl/pkg/describe).
 */
import { canonicalQuantity, milliValue, value as quantityValue } from '../api/quantity';
import type { Container, ContainerState, ContainerStatus, EnvVar, Pod, Probe, ResourceRequirements } from '../api/types';
import { goSort } from './gosort';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, PrefixWriter } from './prefixwriter';
import { formatRFC1123Z } from './time';

export interface ContainerDescribeOptions {
  /** kubectl 1.34 adds a port's name: "8080/TCP (http)"; 1.33 does not. */
  portNames: boolean;
}

export function describeContainers(
  w: PrefixWriter,
  label: string,
  containers: Container[],
  statuses: ContainerStatus[],
  pod: Pod,
  options: ContainerDescribeOptions,
): void {
  const byName = new Map<string, ContainerStatus>();
  for (const s of statuses) byName.set(s.name, s);
  w.write(LEVEL_0, `${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const container of containers) {
    const status = byName.get(container.name);
    describeBasicInfo(w, container, status, options);
    describeCommand(w, container);
    if (status) describeContainerState(w, status);
    describeResources(w, container.resources, LEVEL_2);
    describeProbes(w, container);
    if ((container.envFrom?.length ?? 0) > 0) describeEnvFrom(w, container);
    describeEnv(w, container, pod);
    describeMounts(w, container);
  }
}

function describeBasicInfo(
  w: PrefixWriter,
  container: Container,
  status: ContainerStatus | undefined,
  options: ContainerDescribeOptions,
): void {
  w.write(LEVEL_1, `${container.name}:\n`);
  if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`);
  w.write(LEVEL_2, `Image:\t${container.image ?? ''}\n`);
  if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ''}\n`);
  const ports = container.ports ?? [];
  const portOf = (port: number | undefined, protocol: string | undefined, name: string | undefined): string => {
    const text = `${port ?? 0}/${protocol ?? ''}`;
    return options.portNames && name ? `${text} (${name})` : text;
  };
  const portText = ports.map((p) => portOf(p.containerPort, p.protocol, p.name)).join(', ');
  if (portText.includes(',')) w.write(LEVEL_2, `Ports:\t${portText}\n`);
  else w.write(LEVEL_2, `Port:\t${portText || '<none>'}\n`);
  const hostPortText = ports.map((p) => portOf(p.hostPort, p.protocol, p.name)).join(', ');
  if (hostPortText.includes(',')) w.write(LEVEL_2, `Host Ports:\t${hostPortText}\n`);
  else w.write(LEVEL_2, `Host Port:\t${hostPortText || '<none>'}\n`);
  const seccomp = seccompProfile(container.securityContext);
  if (seccomp) {
    w.write(LEVEL_2, `SeccompProfile:\t${seccomp.type ?? ''}\n`);
    if (seccomp.type === 'Localhost') w.write(LEVEL_3, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
}

export function seccompProfile(
  securityContext: Record<string, unknown> | undefined,
): { type?: string; localhostProfile?: string } | undefined {
  const profile = securityContext?.seccompProfile;
  return profile && typeof profile === 'object' ? (profile as { type?: string; localhostProfile?: string }) : undefined;
}

function describeCommand(w: PrefixWriter, container: Container): void {
  if ((container.command?.length ?? 0) > 0) {
    w.write(LEVEL_2, 'Command:\n');
    for (const c of container.command ?? []) for (const line of c.split('\n')) w.write(LEVEL_3, `${line}\n`);
  }
  if ((container.args?.length ?? 0) > 0) {
    w.write(LEVEL_2, 'Args:\n');
    for (const a of container.args ?? []) for (const line of a.split('\n')) w.write(LEVEL_3, `${line}\n`);
  }
}

function describeContainerState(w: PrefixWriter, status: ContainerStatus): void {
  describeState(w, 'State', status.state ?? {});
  if (status.lastState?.terminated) describeState(w, 'Last State', status.lastState);
  w.write(LEVEL_2, `Ready:\t${status.ready ? 'True' : 'False'}\n`);
  w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`);
}

function describeState(w: PrefixWriter, name: string, state: ContainerState): void {
  if (state.running) {
    w.write(LEVEL_2, `${name}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${formatRFC1123Z(state.running.startedAt)}\n`);
  } else if (state.waiting) {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${formatRFC1123Z(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${formatRFC1123Z(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
  }
}

/** Limits then Requests, each resource name sorted, quantities in canonical form. */
export function describeResources(w: PrefixWriter, resources: ResourceRequirements | undefined, level: number): void {
  if (!resources) return;
  for (const [title, list] of [
    ['Limits', resources.limits],
    ['Requests', resources.requests],
  ] as const) {
    const names = Object.keys(list ?? {}).sort(byteOrder);
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const name of names) w.write(level + 1, `${name}:\t${quantityString(list![name])}\n`);
  }
}

export function quantityString(q: string | number): string {
  try {
    return canonicalQuantity(q);
  } catch {
    return String(q);
  }
}

function describeProbes(w: PrefixWriter, container: Container): void {
  if (container.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(container.livenessProbe)}\n`);
  if (container.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(container.readinessProbe)}\n`);
  if (container.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(container.startupProbe)}\n`);
}

/** kubectl's one-line probe: `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3`. */
export function describeProbe(probe: Probe): string {
  const attrs =
    `delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 0}s period=${probe.periodSeconds ?? 0}s ` +
    `#success=${probe.successThreshold ?? 0} #failure=${probe.failureThreshold ?? 0}`;
  if (probe.exec) return `exec [${(probe.exec.command ?? []).join(' ')}] ${attrs}`;
  if (probe.httpGet) {
    const get = probe.httpGet;
    const port = String(get.port ?? '');
    const host = port.length > 0 ? joinHostPort(get.host ?? '', port) : (get.host ?? '');
    return `http-get ${formatURL((get.scheme ?? '').toLowerCase(), host, get.path ?? '')} ${attrs}`;
  }
  if (probe.tcpSocket) return `tcp-socket ${probe.tcpSocket.host ?? ''}:${String(probe.tcpSocket.port ?? '')} ${attrs}`;
  if (probe.grpc) return `grpc <pod>:${probe.grpc.port ?? 0} ${probe.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Go's url.URL{Scheme, Host, Path}.String(). */
function formatURL(scheme: string, host: string, path: string): string {
  let out = scheme ? `${scheme}:` : '';
  if (host || path) out += '//' + escapeURL(host, 'host');
  const escapedPath = path === '*' ? '*' : escapeURL(path, 'path');
  if (escapedPath && escapedPath[0] !== '/' && host) out += '/';
  return out + escapedPath;
}

const HEX = '0123456789ABCDEF';

function escapeURL(text: string, mode: 'host' | 'path'): string {
  let out = '';
  for (const byte of new TextEncoder().encode(text)) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (mode === 'path' && /[$&+,/:;=@]/.test(c)) out += c;
    else if (mode === 'host' && /[!$&'()*+,;=:[\]<>"]/.test(c)) out += c;
    else out += `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
  }
  return out;
}

function describeEnvFrom(w: PrefixWriter, container: Container): void {
  const sources = container.envFrom ?? [];
  w.write(LEVEL_2, `Environment Variables from:${sources.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of sources) {
    let from = '';
    let name = '';
    let optional = false;
    if (e.configMapRef) {
      from = 'ConfigMap';
      name = e.configMapRef.name ?? '';
      optional = e.configMapRef.optional === true;
    } else if (e.secretRef) {
      from = 'Secret';
      name = e.secretRef.name ?? '';
      optional = e.secretRef.optional === true;
    }
    if (!e.prefix) w.write(LEVEL_3, `${name}\t${from}\tOptional: ${optional}\n`);
    else w.write(LEVEL_3, `${name}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
  }
}

function describeEnv(w: PrefixWriter, container: Container, pod: Pod): void {
  const env = container.env ?? [];
  w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    if (!e.valueFrom) {
      (e.value ?? '').split('\n').forEach((line, i) => {
        w.write(LEVEL_3, i === 0 ? `${e.name}:\t${line}\n` : `\t${line}\n`);
      });
      continue;
    }
    const from = e.valueFrom;
    if (from.fieldRef) {
      w.write(
        LEVEL_3,
        `${e.name}:\t${resolveFieldRef(e, pod)} (${from.fieldRef.apiVersion ?? ''}:${from.fieldRef.fieldPath})\n`,
      );
    } else if (from.resourceFieldRef) {
      const resource = from.resourceFieldRef.resource;
      let value = containerResourceValue(from.resourceFieldRef, container);
      if (value === '0' && (resource === 'limits.cpu' || resource === 'limits.memory')) value = 'node allocatable';
      w.write(LEVEL_3, `${e.name}:\t${value} (${resource})\n`);
    } else if (from.secretKeyRef) {
      const ref = from.secretKeyRef;
      w.write(
        LEVEL_3,
        `${e.name}:\t<set to the key '${ref.key}' in secret '${ref.name ?? ''}'>\tOptional: ${ref.optional === true}\n`,
      );
    } else if (from.configMapKeyRef) {
      const ref = from.configMapKeyRef;
      w.write(
        LEVEL_3,
        `${e.name}:\t<set to the key '${ref.key}' of config map '${ref.name ?? ''}'>\tOptional: ${ref.optional === true}\n`,
      );
    }
  }
}

/**
 * kubectl resolves a fieldRef through its own scheme, which only knows the generic field labels
 * metadata.name and metadata.namespace; every other path (status.podIP, spec.nodeName, labels ...)
 * shows an empty value.
 */
function resolveFieldRef(e: EnvVar, pod: Pod): string {
  const path = e.valueFrom?.fieldRef?.fieldPath;
  if (path === 'metadata.name') return pod.metadata.name ?? '';
  if (path === 'metadata.namespace') return pod.metadata.namespace ?? '';
  return '';
}

/** resourcehelper.ExtractContainerResourceValue: the value in units of the divisor, rounded up. */
function containerResourceValue(
  ref: { resource: string; divisor?: string },
  container: Container,
): string {
  const divisor = ref.divisor && safe(() => milliValue(ref.divisor!)) !== 0 ? ref.divisor : '1';
  const [kind, name] = splitOnce(ref.resource, '.');
  if ((kind !== 'limits' && kind !== 'requests') || !name) return '';
  // A container without requests or limits reads as zero (ResourceList.Cpu() of a nil list).
  const list = (kind === 'limits' ? container.resources?.limits : container.resources?.requests) ?? {};
  const raw = list[name] ?? '0';
  if (name === 'cpu') return String(Math.ceil(safe(() => milliValue(raw)) / safe(() => milliValue(divisor))));
  if (name === 'memory' || name === 'ephemeral-storage' || name.startsWith('hugepages-')) {
    return String(Math.ceil(safe(() => quantityValue(raw)) / safe(() => quantityValue(divisor))));
  }
  return '';
}

function safe(f: () => number): number {
  try {
    return f();
  } catch {
    return 0;
  }
}

function splitOnce(text: string, sep: string): [string, string] {
  const i = text.indexOf(sep);
  return i < 0 ? [text, ''] : [text.slice(0, i), text.slice(i + 1)];
}

function describeMounts(w: PrefixWriter, container: Container): void {
  const mounts = container.volumeMounts ?? [];
  const none = mounts.length === 0 ? '\t<none>' : '';
  w.write(LEVEL_2, `Mounts:${none}\n`);
  for (const m of goSort(mounts, (a, b) => a.mountPath < b.mountPath)) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
    w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
  const devices = (container as { volumeDevices?: { name: string; devicePath: string }[] }).volumeDevices ?? [];
  if (devices.length > 0) {
    w.write(LEVEL_2, `Devices:${none}\n`);
    for (const d of goSort(devices, (a, b) => a.devicePath < b.devicePath)) {
      w.write(LEVEL_3, `${d.devicePath} from ${d.name}\n`);
    }
  }
}

/** Go compares strings byte-wise; for the ASCII names Kubernetes allows, UTF-16 order is the same. */
export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
