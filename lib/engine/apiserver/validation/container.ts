/**
 * Container validation (validateContainers, validateInitContainers, validateContainerCommon and
 * the ports, env, mounts, probes and lifecycle handlers they check), in upstream's order so that
 * several causes come out as the API server lists them.
 */
import type { Container, ContainerPort, EnvFromSource, EnvVar, LifecycleHandler, Probe, VolumeMount } from '../../api/types';
import {
  duplicate,
  type ErrorList,
  forbidden,
  invalid,
  nonNegative,
  notFound,
  notSupported,
  required,
  tooLong,
} from './field';
import {
  isConfigMapKey,
  isHTTPHeaderName,
  isRelaxedEnvVarName,
  isValidPortName,
  isValidPortNum,
  nameIsDNSSubdomain,
  isDNS1123Label,
} from './names';
import { validateResourceRequirements } from './resources';
import { marshalled } from './gomarshal';
import { profileValue, securityContextValue } from './internal';
import { validateLocalDescendingPath, type VolumeSet } from './volumes';
import { validateObjectFieldSelector, validateResourceFieldSelector } from './downward';
import { utf8Length } from './meta';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

export function validateDNS1123Label(value: string, field: string, errs: ErrorList): void {
  for (const msg of isDNS1123Label(value)) errs.push(invalid(field, value, msg));
}

function validateContainerPorts(ports: ContainerPort[] | undefined, field: string, errs: ErrorList): void {
  if (!ports) return;
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = `${field}[${i}]`;
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length) for (const m of msgs) errs.push(invalid(`${p}.name`, port.name, m));
      else if (names.has(port.name)) errs.push(duplicate(`${p}.name`, port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(required(`${p}.containerPort`));
    else for (const m of isValidPortNum(port.containerPort)) errs.push(invalid(`${p}.containerPort`, port.containerPort, m));
    if (port.hostPort) for (const m of isValidPortNum(port.hostPort)) errs.push(invalid(`${p}.hostPort`, port.hostPort, m));
    if (!port.protocol) errs.push(required(`${p}.protocol`));
    else if (!PROTOCOLS.includes(port.protocol)) errs.push(notSupported(`${p}.protocol`, port.protocol, PROTOCOLS));
  });
}

function validateKeySelector(sel: { name?: string; key?: string }, field: string, errs: ErrorList): void {
  const name = sel.name ?? '';
  for (const m of nameIsDNSSubdomain(name, false)) errs.push(invalid(`${field}.name`, name, m));
  if (!sel.key) errs.push(required(`${field}.key`));
  else for (const m of isConfigMapKey(sel.key)) errs.push(invalid(`${field}.key`, sel.key, m));
}

function validateEnvVarValueFrom(ev: EnvVar, field: string, errs: ErrorList): void {
  const from = ev.valueFrom;
  if (!from) return;
  let sources = 0;
  if (from.fieldRef) {
    sources++;
    validateObjectFieldSelector(from.fieldRef, 'env', `${field}.fieldRef`, errs);
  }
  if (from.resourceFieldRef) {
    sources++;
    validateResourceFieldSelector(from.resourceFieldRef, false, `${field}.resourceFieldRef`, errs);
  }
  if (from.configMapKeyRef) {
    sources++;
    validateKeySelector(from.configMapKeyRef, `${field}.configMapKeyRef`, errs);
  }
  if (from.secretKeyRef) {
    sources++;
    validateKeySelector(from.secretKeyRef, `${field}.secretKeyRef`, errs);
  }
  if (sources === 0) {
    errs.push(invalid(field, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  } else if (ev.value) {
    errs.push(invalid(field, '', 'may not be specified when `value` is not empty'));
  } else if (sources > 1) {
    errs.push(invalid(field, '', 'may not have more than one field specified at a time'));
  }
}

function validateEnv(env: EnvVar[] | undefined, field: string, errs: ErrorList): void {
  env?.forEach((ev, i) => {
    const p = `${field}[${i}]`;
    if (!ev.name) errs.push(required(`${p}.name`));
    else for (const m of isRelaxedEnvVarName(ev.name)) errs.push(invalid(`${p}.name`, ev.name, m));
    validateEnvVarValueFrom(ev, `${p}.valueFrom`, errs);
  });
}

function validateEnvFrom(envFrom: EnvFromSource[] | undefined, field: string, errs: ErrorList): void {
  envFrom?.forEach((ev, i) => {
    const p = `${field}[${i}]`;
    if (ev.prefix) for (const m of isRelaxedEnvVarName(ev.prefix)) errs.push(invalid(`${p}.prefix`, ev.prefix, m));
    let sources = 0;
    for (const [key, ref] of [
      ['configMapRef', ev.configMapRef],
      ['secretRef', ev.secretRef],
    ] as const) {
      if (!ref) continue;
      sources++;
      if (!ref.name) errs.push(required(`${p}.${key}.name`));
      else for (const m of nameIsDNSSubdomain(ref.name, true)) errs.push(invalid(`${p}.${key}.name`, ref.name, m));
    }
    // Upstream reports these two on the list's path, not the entry's.
    if (sources === 0) errs.push(invalid(field, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1) errs.push(invalid(field, '', 'may not have more than one field specified at a time'));
  });
}

const PROPAGATIONS = ['Bidirectional', 'HostToContainer', 'None'];
const RECURSIVE_READ_ONLY = ['Disabled', 'Enabled', 'IfPossible'];

/** ValidateVolumeMounts (v1.34.1 has no sub path rule for image volumes; that came later). */
function validateVolumeMounts(mounts: VolumeMount[] | undefined, volumes: VolumeSet, ctr: Container, field: string, errs: ErrorList): void {
  if (!mounts) return;
  const paths = new Set<string>();
  mounts.forEach((m, i) => {
    const p = `${field}[${i}]`;
    const mount = m as VolumeMount & { subPathExpr?: string; mountPropagation?: string; recursiveReadOnly?: string };
    if (!mount.name) errs.push(required(`${p}.name`));
    if (!volumes.has(mount.name ?? '')) errs.push(notFound(`${p}.name`, mount.name ?? ''));
    if (!mount.mountPath) errs.push(required(`${p}.mountPath`));
    if (paths.has(mount.mountPath ?? '')) errs.push(invalid(`${p}.mountPath`, mount.mountPath ?? '', 'must be unique'));
    paths.add(mount.mountPath ?? '');
    // Upstream checks the sub paths on the list's path (volumeMounts.subPath), without the index.
    if (mount.subPath) validateLocalDescendingPath(mount.subPath, `${field}.subPath`, errs);
    if (mount.subPathExpr) {
      if (mount.subPath) errs.push(invalid(`${p}.subPathExpr`, mount.subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      validateLocalDescendingPath(mount.subPathExpr, `${field}.subPathExpr`, errs);
    }
    if (mount.mountPropagation !== undefined) {
      const mp = `${field}.mountPropagation`;
      if (!PROPAGATIONS.includes(mount.mountPropagation)) errs.push(notSupported(mp, mount.mountPropagation, PROPAGATIONS));
      const privileged = (ctr.securityContext as { privileged?: boolean } | undefined)?.privileged === true;
      if (mount.mountPropagation === 'Bidirectional' && !privileged) {
        errs.push(forbidden(mp, 'Bidirectional mount propagation is available only to privileged containers'));
      }
    }
    if (mount.recursiveReadOnly !== undefined) {
      const rp = `${field}.recursiveReadOnly`;
      if (mount.recursiveReadOnly === 'Enabled' || mount.recursiveReadOnly === 'IfPossible') {
        if (!mount.readOnly) errs.push(forbidden(rp, 'may only be specified when readOnly is true'));
        if (mount.mountPropagation && mount.mountPropagation !== 'None') {
          errs.push(forbidden(rp, 'may only be specified when mountPropagation is None or not specified'));
        }
      } else if (mount.recursiveReadOnly !== 'Disabled') {
        errs.push(notSupported(rp, mount.recursiveReadOnly, RECURSIVE_READ_ONLY));
      }
    }
  });
}

/** ValidatePortNumOrName for an intstr port. */
export function validatePortNumOrName(port: number | string | undefined, field: string, errs: ErrorList): void {
  if (typeof port === 'string') for (const m of isValidPortName(port)) errs.push(invalid(field, port, m));
  else for (const m of isValidPortNum(port ?? 0)) errs.push(invalid(field, port ?? 0, m));
}

type Handler = LifecycleHandler & { grpc?: { port?: number } };

function validateHandler(h: Handler, isProbe: boolean, gracePeriod: number | undefined, field: string, errs: ErrorList): void {
  let count = 0;
  const second = (name: string) => errs.push(forbidden(`${field}.${name}`, 'may not specify more than 1 handler type'));
  if (h.exec) {
    count++;
    if (!h.exec.command?.length) errs.push(required(`${field}.exec.command`));
  }
  if (h.httpGet) {
    if (count > 0) second('httpGet');
    else {
      count++;
      const p = `${field}.httpGet`;
      if (!h.httpGet.path) errs.push(required(`${p}.path`));
      validatePortNumOrName(h.httpGet.port, `${p}.port`, errs);
      const scheme = h.httpGet.scheme ?? '';
      if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(notSupported(`${p}.scheme`, scheme, ['HTTP', 'HTTPS']));
      for (const hdr of h.httpGet.httpHeaders ?? []) {
        for (const m of isHTTPHeaderName(hdr.name ?? '')) errs.push(invalid(`${p}.httpHeaders`, hdr.name ?? '', m));
      }
    }
  }
  if (h.tcpSocket) {
    if (count > 0) second('tcpSocket');
    else {
      count++;
      validatePortNumOrName(h.tcpSocket.port, `${field}.tcpSocket.port`, errs);
    }
  }
  if (isProbe && h.grpc) {
    if (count > 0) second('grpc');
    else {
      count++;
      validatePortNumOrName(h.grpc.port ?? 0, `${field}.grpc.port`, errs);
    }
  }
  if (!isProbe && h.sleep) {
    if (count > 0) second('sleep');
    else {
      count++;
      // PodLifecycleSleepActionAllowZero is on in v1.34: zero seconds is allowed.
      const s = h.sleep.seconds ?? 0;
      if (gracePeriod !== undefined && (s < 0 || s > gracePeriod)) {
        errs.push(invalid(`${field}.sleep`, s, `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`));
      }
    }
  }
  if (count === 0) errs.push(required(field, 'must specify a handler type'));
}

function validateProbe(probe: Probe, gracePeriod: number | undefined, field: string, errs: ErrorList): void {
  validateHandler(probe as Handler, true, gracePeriod, field, errs);
  nonNegative(probe.initialDelaySeconds, `${field}.initialDelaySeconds`, errs);
  nonNegative(probe.timeoutSeconds, `${field}.timeoutSeconds`, errs);
  nonNegative(probe.periodSeconds, `${field}.periodSeconds`, errs);
  nonNegative(probe.successThreshold, `${field}.successThreshold`, errs);
  nonNegative(probe.failureThreshold, `${field}.failureThreshold`, errs);
  if (probe.terminationGracePeriodSeconds !== undefined && probe.terminationGracePeriodSeconds <= 0) {
    errs.push(invalid(`${field}.terminationGracePeriodSeconds`, probe.terminationGracePeriodSeconds, 'must be greater than 0'));
  }
}

function validateProbes(ctr: Container, gracePeriod: number | undefined, path: string, errs: ErrorList): void {
  if (ctr.lifecycle) {
    const lp = `${path}.lifecycle`;
    if (ctr.lifecycle.postStart) validateHandler(ctr.lifecycle.postStart as Handler, false, gracePeriod, `${lp}.postStart`, errs);
    if (ctr.lifecycle.preStop) validateHandler(ctr.lifecycle.preStop as Handler, false, gracePeriod, `${lp}.preStop`, errs);
  }
  if (ctr.livenessProbe) {
    validateProbe(ctr.livenessProbe, gracePeriod, `${path}.livenessProbe`, errs);
    if (ctr.livenessProbe.successThreshold !== 1) {
      errs.push(invalid(`${path}.livenessProbe.successThreshold`, ctr.livenessProbe.successThreshold ?? 0, 'must be 1'));
    }
  }
  if (ctr.readinessProbe) {
    validateProbe(ctr.readinessProbe, gracePeriod, `${path}.readinessProbe`, errs);
    if (ctr.readinessProbe.terminationGracePeriodSeconds !== undefined) {
      errs.push(
        invalid(`${path}.readinessProbe.terminationGracePeriodSeconds`, ctr.readinessProbe.terminationGracePeriodSeconds, 'must not be set for readinessProbes'),
      );
    }
  }
  if (ctr.startupProbe) {
    validateProbe(ctr.startupProbe, gracePeriod, `${path}.startupProbe`, errs);
    if (ctr.startupProbe.successThreshold !== 1) {
      errs.push(invalid(`${path}.startupProbe.successThreshold`, ctr.startupProbe.successThreshold ?? 0, 'must be 1'));
    }
  }
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const PROC_MOUNTS = ['Default', 'Unmasked'];

interface ContainerSecurityContext {
  privileged?: boolean;
  runAsUser?: number;
  runAsGroup?: number;
  procMount?: string;
  allowPrivilegeEscalation?: boolean;
  capabilities?: { add?: string[] };
  seccompProfile?: { type?: string; localhostProfile?: string };
  appArmorProfile?: { type?: string; localhostProfile?: string };
}

/** IsValidUserID / IsValidGroupID: libcontainer takes IDs up to 1<<31 - 1. */
const MAX_ID = 2147483647;

export function validateIdRange(v: number | undefined, field: string, errs: ErrorList): void {
  if (v !== undefined && (v < 0 || v > MAX_ID)) errs.push(invalid(field, v, `must be between 0 and ${MAX_ID}, inclusive`));
}

export function validateSeccompProfile(sp: { type?: string; localhostProfile?: string } | undefined, field: string, errs: ErrorList): void {
  if (!sp) return;
  const t = sp.type ?? '';
  if (t === '') errs.push(required(`${field}.type`, 'type is required when seccompProfile is set'));
  else if (t !== 'Localhost' && t !== 'RuntimeDefault' && t !== 'Unconfined') {
    errs.push(notSupported(`${field}.type`, t, ['Localhost', 'RuntimeDefault', 'Unconfined']));
  }
  if (t === 'Localhost') {
    if (sp.localhostProfile === undefined) errs.push(required(`${field}.localhostProfile`, 'must be set when seccomp type is Localhost'));
    else validateLocalDescendingPath(sp.localhostProfile, `${field}.localhostProfile`, errs);
  } else if (sp.localhostProfile !== undefined) {
    errs.push(invalid(`${field}.localhostProfile`, marshalled(profileValue(sp)), 'can only be set when seccomp type is Localhost'));
  }
}

export function validateAppArmorProfile(ap: { type?: string; localhostProfile?: string } | undefined, field: string, errs: ErrorList): void {
  if (!ap) return;
  switch (ap.type ?? '') {
    case 'Localhost':
      if (ap.localhostProfile === undefined || ap.localhostProfile.trim() === '') {
        if (ap.localhostProfile !== undefined && ap.localhostProfile.trim() !== ap.localhostProfile) {
          errs.push(invalid(`${field}.localhostProfile`, ap.localhostProfile, 'must not be padded with whitespace'));
        } else errs.push(required(`${field}.localhostProfile`, 'must be set when AppArmor type is Localhost'));
      } else if (ap.localhostProfile.trim() !== ap.localhostProfile) {
        errs.push(invalid(`${field}.localhostProfile`, ap.localhostProfile, 'must not be padded with whitespace'));
      }
      // PATH_MAX - 1, counted in bytes.
      if (ap.localhostProfile !== undefined && utf8Length(ap.localhostProfile) > 4095) errs.push(tooLong(`${field}.localhostProfile`, 4095));
      break;
    case 'RuntimeDefault':
    case 'Unconfined':
      if (ap.localhostProfile !== undefined) {
        errs.push(invalid(`${field}.localhostProfile`, ap.localhostProfile, 'can only be set when AppArmor type is Localhost'));
      }
      break;
    case '':
      errs.push(required(`${field}.type`, 'type is required when appArmorProfile is set'));
      break;
    default:
      errs.push(notSupported(`${field}.type`, ap.type ?? '', ['Localhost', 'RuntimeDefault', 'Unconfined']));
  }
}

function validateSecurityContext(sc: ContainerSecurityContext | undefined, hostUsers: boolean, field: string, errs: ErrorList): void {
  if (!sc) return;
  validateIdRange(sc.runAsUser, `${field}.runAsUser`, errs);
  validateIdRange(sc.runAsGroup, `${field}.runAsGroup`, errs);
  if (sc.procMount !== undefined) {
    if (!PROC_MOUNTS.includes(sc.procMount)) errs.push(notSupported(`${field}.procMount`, sc.procMount, PROC_MOUNTS));
    if (hostUsers && sc.procMount === 'Unmasked') errs.push(invalid(`${field}.procMount`, sc.procMount, '`hostUsers` must be false to use `Unmasked`'));
  }
  validateSeccompProfile(sc.seccompProfile, `${field}.seccompProfile`, errs);
  if (sc.allowPrivilegeEscalation === false) {
    const lit = marshalled(securityContextValue(sc as Record<string, unknown>));
    if (sc.privileged) errs.push(invalid(field, lit, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    for (const cap of sc.capabilities?.add ?? []) {
      if (cap === 'CAP_SYS_ADMIN') errs.push(invalid(field, lit, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'));
    }
  }
  validateAppArmorProfile(sc.appArmorProfile, `${field}.appArmorProfile`, errs);
}

/** What validateContainers and validateInitContainers take from the pod around them. */
export interface PodFacts {
  volumes: VolumeSet;
  gracePeriod: number | undefined;
  /** The pod's restartPolicy (validateResizePolicy). */
  restartPolicy: string;
  /** false only when spec.hostUsers is false (user namespaces). */
  hostUsers: boolean;
}

const RESIZE_RESOURCES = ['cpu', 'memory'];
const RESIZE_POLICIES = ['NotRequired', 'RestartContainer'];

/** validateResizePolicy (InPlacePodVerticalScaling is on in v1.34). */
function validateResizePolicy(list: { resourceName?: string; restartPolicy?: string }[] | undefined, podRestartPolicy: string, field: string, errs: ErrorList): void {
  const seen = new Set<string>();
  list?.forEach((p, i) => {
    const name = p.resourceName ?? '';
    if (seen.has(name)) errs.push(duplicate(`${field}[${i}]`, name));
    seen.add(name);
    if (name === '') errs.push(required(field));
    else if (!RESIZE_RESOURCES.includes(name)) errs.push(notSupported(field, name, RESIZE_RESOURCES));
    const rp = p.restartPolicy ?? '';
    if (rp === '') errs.push(required(field));
    else if (!RESIZE_POLICIES.includes(rp)) errs.push(notSupported(field, rp, RESIZE_POLICIES));
    if (podRestartPolicy === 'Never' && rp !== 'NotRequired') errs.push(invalid(field, rp, "must be 'NotRequired' when `restartPolicy` is 'Never'"));
  });
}

/** validateContainerCommon: what every kind of container must satisfy. */
function validateContainerCommon(ctr: Container, pod: PodFacts, path: string, errs: ErrorList): void {
  const volumes = pod.volumes;
  if (!ctr.name) errs.push(required(`${path}.name`));
  else validateDNS1123Label(ctr.name, `${path}.name`, errs);
  if (!ctr.image) errs.push(required(`${path}.image`));
  const tmp = ctr.terminationMessagePolicy ?? '';
  if (tmp === '') errs.push(required(`${path}.terminationMessagePolicy`));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') {
    errs.push(notSupported(`${path}.terminationMessagePolicy`, tmp, ['File', 'FallbackToLogsOnError']));
  }
  validateContainerPorts(ctr.ports, `${path}.ports`, errs);
  validateEnv(ctr.env, `${path}.env`, errs);
  validateEnvFrom(ctr.envFrom, `${path}.envFrom`, errs);
  validateVolumeMounts(ctr.volumeMounts, volumes, ctr, `${path}.volumeMounts`, errs);
  const pull = ctr.imagePullPolicy ?? '';
  if (pull === '') errs.push(required(`${path}.imagePullPolicy`));
  else if (!PULL_POLICIES.includes(pull)) errs.push(notSupported(`${path}.imagePullPolicy`, pull, PULL_POLICIES));
  validateResourceRequirements(ctr.resources, `${path}.resources`, errs);
  const resizePolicy = (ctr as { resizePolicy?: { resourceName?: string; restartPolicy?: string }[] }).resizePolicy;
  validateResizePolicy(resizePolicy, pod.restartPolicy, `${path}.resizePolicy`, errs);
  validateSecurityContext(ctr.securityContext as ContainerSecurityContext | undefined, pod.hostUsers, `${path}.securityContext`, errs);
}

/** AccumulateUniqueHostPorts over a set of containers that run at the same time. */
function checkHostPortConflicts(containers: Container[], field: string, errs: ErrorList): void {
  const seen = new Set<string>();
  containers.forEach((ctr, ci) => {
    ctr.ports?.forEach((port, pi) => {
      if (!port.hostPort) return;
      const key = `${port.protocol ?? ''}/${port.hostIP ?? ''}/${port.hostPort}`;
      if (seen.has(key)) errs.push(duplicate(`${field}[${ci}].ports[${pi}].hostPort`, key));
      else seen.add(key);
    });
  });
}

export function validateContainers(containers: Container[] | undefined, pod: PodFacts, field: string, errs: ErrorList): void {
  const gracePeriod = pod.gracePeriod;
  if (!containers || containers.length === 0) {
    errs.push(required(field));
    return;
  }
  const names = new Set<string>();
  containers.forEach((ctr, i) => {
    const path = `${field}[${i}]`;
    validateContainerCommon(ctr, pod, path, errs);
    if (names.has(ctr.name ?? '')) errs.push(duplicate(`${path}.name`, ctr.name ?? ''));
    else names.add(ctr.name ?? '');
    validateProbes(ctr, gracePeriod, path, errs);
    if (ctr.restartPolicy !== undefined) errs.push(forbidden(`${path}.restartPolicy`, 'may not be set for non-init containers'));
  });
  checkHostPortConflicts(containers, field, errs);
}

const INIT_ONLY_FORBIDDEN = 'may not be set for init containers without restartPolicy=Always';

export function validateInitContainers(inits: Container[] | undefined, regular: Container[] | undefined, pod: PodFacts, field: string, errs: ErrorList): void {
  if (!inits) return;
  const gracePeriod = pod.gracePeriod;
  const names = new Set<string>();
  for (const c of regular ?? []) names.add(c.name ?? '');
  inits.forEach((ctr, i) => {
    const path = `${field}[${i}]`;
    validateContainerCommon(ctr, pod, path, errs);
    let sidecar = false;
    if (ctr.restartPolicy !== undefined) {
      if (ctr.restartPolicy !== 'Always') errs.push(notSupported(`${path}.restartPolicy`, ctr.restartPolicy, ['Always']));
      sidecar = ctr.restartPolicy === 'Always';
    }
    if (names.has(ctr.name ?? '')) errs.push(duplicate(`${path}.name`, ctr.name ?? ''));
    else if (ctr.name) names.add(ctr.name);
    // Init containers run one by one, so each is checked on its own; upstream passes a one-element
    // list, which is why the reported index is always 0.
    checkHostPortConflicts([ctr], field, errs);
    if (sidecar) validateProbes(ctr, gracePeriod, path, errs);
    else {
      if (ctr.lifecycle) errs.push(forbidden(`${path}.lifecycle`, INIT_ONLY_FORBIDDEN));
      if (ctr.livenessProbe) errs.push(forbidden(`${path}.livenessProbe`, INIT_ONLY_FORBIDDEN));
      if (ctr.readinessProbe) errs.push(forbidden(`${path}.readinessProbe`, INIT_ONLY_FORBIDDEN));
      if (ctr.startupProbe) errs.push(forbidden(`${path}.startupProbe`, INIT_ONLY_FORBIDDEN));
    }
  });
}

/** validateContainerOnlyForPod: a Pod's images may not carry surrounding whitespace. */
export function validateImageWhitespace(containers: Container[] | undefined, field: string, errs: ErrorList): void {
  containers?.forEach((ctr, i) => {
    if (ctr.image !== undefined && ctr.image.length !== ctr.image.trim().length) {
      errs.push(invalid(`${field}[${i}].image`, ctr.image, 'must not have leading or trailing whitespace'));
    }
  });
}
