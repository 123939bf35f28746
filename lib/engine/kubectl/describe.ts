/**
 * `kubectl describe pod`: the page kubectl (k8s.io/kubectl/pkg/describe, describePod) prints for a
 * Pod and the events about it, with event ages measured from the virtual `now`.
 */
import type { Container, ContainerStatus, KubeEvent, Node, Pod, ResourceRequirements } from '../api/types';
import { describeContainers, describeResources, seccompProfile } from './describe_containers';
import { describeEvents, eventsForPod } from './describe_events';

export { eventsByObject } from './describe_events';
import { writeAnnotations, writeLabels } from './describe_maps';
import { describeVolumes } from './describe_volumes';
import { goSort } from './gosort';
import { formatLabelSelector } from './labelselector';
import { LEVEL_0, LEVEL_1, PrefixWriter } from './prefixwriter';
import { podQOS } from './qos';
import { formatRFC1123Z, timestampSince } from './time';

export interface DescribeOptions {
  /**
   * Accepted for the engine's interface; `kubectl describe pod` reads only the Pod and its events,
   * so the page does not depend on it.
   */
  node?: Node;
  /** The kubectl minor version to print like: 33 (default, the oracle's kubectl) or 34 (port names). */
  kubectlMinor?: 33 | 34;
}

/** Fields of a v1 Pod that describe prints but kubesim's types do not name. */
interface PodExtras {
  spec: { runtimeClassName?: string; resources?: ResourceRequirements };
  status?: { ephemeralContainerStatuses?: ContainerStatus[] };
}

/**
 * `events` may be every event of the cluster (the pod's own are picked out as kubectl's query picks
 * them) or, for many pods, each pod's entry of eventsByObject(events).
 */
export function describePod(pod: Pod, events: KubeEvent[], now: number, opts: DescribeOptions = {}): string {
  const w = new PrefixWriter();
  const meta = pod.metadata;
  const spec = pod.spec;
  const status = pod.status ?? {};
  const extras = pod as Pod & PodExtras;
  const containerOptions = { portNames: (opts.kubectlMinor ?? 33) >= 34 };

  w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
  if (spec.priority !== undefined && spec.priority !== null) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (extras.spec.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${extras.spec.runtimeClassName}\n`);
  if (spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
  if (!spec.nodeName) w.write(LEVEL_0, 'Node:\t<none>\n');
  else w.write(LEVEL_0, `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n`);
  if (status.startTime) w.write(LEVEL_0, `Start Time:\t${formatRFC1123Z(status.startTime)}\n`);
  writeLabels(w, 'Labels', meta.labels);
  writeAnnotations(w, 'Annotations', meta.annotations);
  if (meta.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${timestampSince(meta.deletionTimestamp, now)})\n`);
    w.write(LEVEL_0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`);
  }
  if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
  const seccomp = seccompProfile(spec.securityContext);
  if (seccomp) {
    w.write(LEVEL_0, `SeccompProfile:\t${seccomp.type ?? ''}\n`);
    if (seccomp.type === 'Localhost') w.write(LEVEL_0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
  w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`);
  const podIPs = status.podIPs ?? [];
  if (podIPs.length === 0) {
    w.write(LEVEL_0, 'IPs:\t<none>\n');
  } else {
    w.write(LEVEL_0, 'IPs:\n');
    for (const ip of podIPs) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
  }
  const controller = meta.ownerReferences?.find((r) => r.controller === true);
  if (controller) w.write(LEVEL_0, `Controlled By:\t${controller.kind}/${controller.name}\n`);
  if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  if (extras.spec.resources) {
    w.write(LEVEL_0, 'Resources:\n');
    describeResources(w, extras.spec.resources, LEVEL_1);
  }

  if ((spec.initContainers?.length ?? 0) > 0) {
    describeContainers(w, 'Init Containers', spec.initContainers ?? [], status.initContainerStatuses ?? [], pod, containerOptions);
  }
  describeContainers(w, 'Containers', spec.containers ?? [], status.containerStatuses ?? [], pod, containerOptions);
  const ephemeral: Container[] = spec.ephemeralContainers ?? [];
  if (ephemeral.length > 0) {
    describeContainers(
      w,
      'Ephemeral Containers',
      ephemeral,
      extras.status?.ephemeralContainerStatuses ?? [],
      pod,
      containerOptions,
    );
  }

  const conditions = status.conditions ?? [];
  const gates = spec.readinessGates ?? [];
  if (gates.length > 0) {
    w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of gates) {
      const c = conditions.find((x) => x.type === g.conditionType);
      w.write(LEVEL_1, `${g.conditionType} \t${c ? c.status : '<none>'} \n`);
    }
  }
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
    for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, spec.volumes);
  w.write(LEVEL_0, `QoS Class:\t${podQOS(pod)}\n`);
  writeLabels(w, 'Node-Selectors', spec.nodeSelector);
  writeTolerations(w, spec.tolerations ?? []);
  writeTopologySpreadConstraints(w, spec.topologySpreadConstraints ?? []);
  describeEvents(w, eventsForPod(pod, events), now);
  return w.toString();
}

/** printPodTolerationsMultiline: sorted by key, `key=value:Effect op=Exists for 300s`. */
function writeTolerations(w: PrefixWriter, tolerations: NonNullable<Pod['spec']['tolerations']>): void {
  w.write(LEVEL_0, 'Tolerations:\t');
  if (tolerations.length === 0) {
    w.writeLine('<none>');
    return;
  }
  goSort(tolerations, (a, b) => (a.key ?? '') < (b.key ?? '')).forEach((t, i) => {
    let text = i !== 0 ? '\t' : '';
    text += t.key ?? '';
    if (t.value) text += `=${t.value}`;
    if (t.effect) text += `:${t.effect}`;
    // A bare `operator: Exists` tolerates every taint.
    if (t.operator === 'Exists' && !t.value) text += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) text += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${text}\n`);
  });
}

function writeTopologySpreadConstraints(
  w: PrefixWriter,
  constraints: NonNullable<Pod['spec']['topologySpreadConstraints']>,
): void {
  if (constraints.length === 0) return;
  w.write(LEVEL_0, 'Topology Spread Constraints:\t');
  goSort(constraints, (a, b) => a.topologyKey < b.topologyKey).forEach((c, i) => {
    let text = i !== 0 ? '\t' : '';
    text += `${c.topologyKey}:${c.whenUnsatisfiable} when max skew ${c.maxSkew} is exceeded`;
    if (c.labelSelector) text += ` for selector ${formatLabelSelector(c.labelSelector)}`;
    w.write(LEVEL_0, `${text}\n`);
  });
}
