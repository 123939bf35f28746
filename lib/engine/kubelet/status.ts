/**
 * The pod status the kubelet reports: phase (kubelet_pods.go getPhase) and the conditions
 * (status/generate.go): PodReadyToStartContainers, Initialized, Ready, ContainersReady, with
 * Kubernetes' reasons and messages.
 */
import type { ContainerStatus, Pod, PodCondition, PodPhase } from '../api/types';

/** getPhase: the phase from the container statuses, as the kubelet computes it. */
export function getPhase(pod: Pod, initStatuses: ContainerStatus[], statuses: ContainerStatus[], podIsTerminal: boolean, podHasInitialized: boolean): PodPhase {
  const spec = pod.spec;
  const find = (list: ContainerStatus[], name: string) => list.find((s) => s.name === name);
  let pendingRestartableInit = 0;
  let pendingRegularInit = 0;
  let failedInitialization = 0;
  for (const c of spec.initContainers ?? []) {
    if (c.restartPolicy === 'Always') continue;
    const s = find(initStatuses, c.name);
    if (!s) {
      pendingRegularInit++;
      continue;
    }
    if (s.state?.running) pendingRegularInit++;
    else if (s.state?.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInitialization++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) {
        if (s.lastState.terminated.exitCode !== 0) failedInitialization++;
      } else pendingRegularInit++;
    } else pendingRegularInit++;
  }
  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of spec.initContainers ?? []) {
    if (c.restartPolicy !== 'Always') continue;
    const s = find(initStatuses, c.name);
    if (!s) {
      unknown++;
      continue;
    }
    if (s.state?.running) {
      if (!s.started) pendingRestartableInit++;
      running++;
    } else if (s.state?.terminated) {
      // Stopped sidecars do not count for the phase.
    } else if (s.state?.waiting) {
      if (!s.lastState?.terminated) {
        pendingRestartableInit++;
        waiting++;
      }
    } else unknown++;
  }
  for (const c of spec.containers) {
    const s = find(statuses, c.name);
    if (!s) {
      unknown++;
      continue;
    }
    if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }
  const policy = spec.restartPolicy ?? 'Always';
  if (failedInitialization > 0 && policy === 'Never') return 'Failed';
  if (pendingRegularInit > 0 || (pendingRestartableInit > 0 && !podHasInitialized)) return 'Pending';
  if (waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

function condition(type: string, ok: boolean, reason?: string, message?: string): PodCondition {
  const c: PodCondition = { type, status: ok ? 'True' : 'False' };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

/** GeneratePodInitializedCondition. */
export function initializedCondition(pod: Pod, initStatuses: ContainerStatus[], phase: PodPhase, statuses: ContainerStatus[] = []): PodCondition {
  const inits = pod.spec.initContainers ?? [];
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of inits) {
    const s = initStatuses.find((x) => x.name === c.name);
    if (!s) {
      unknown.push(c.name);
      continue;
    }
    if (c.restartPolicy === 'Always') {
      if (!s.started) incomplete.push(c.name);
    } else if (!(s.state?.terminated && s.state.terminated.exitCode === 0)) incomplete.push(c.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0) return condition('Initialized', true, 'PodCompleted');
  // Once a regular container has started the pod stays initialized, even while a sidecar restarts.
  if (statuses.some((s) => s.state?.running || s.state?.terminated)) return condition('Initialized', true);
  const messages: string[] = [];
  if (unknown.length > 0) messages.push(`containers with unknown status: [${unknown.join(' ')}]`);
  if (incomplete.length > 0) messages.push(`containers with incomplete status: [${incomplete.join(' ')}]`);
  if (messages.length > 0) return condition('Initialized', false, 'ContainersNotInitialized', messages.join(', '));
  return condition('Initialized', true);
}

/** GenerateContainersReadyCondition. */
export function containersReadyCondition(pod: Pod, initStatuses: ContainerStatus[], statuses: ContainerStatus[], phase: PodPhase): PodCondition {
  const unknown: string[] = [];
  const unready: string[] = [];
  for (const c of pod.spec.initContainers ?? []) {
    if (c.restartPolicy !== 'Always') continue;
    const s = initStatuses.find((x) => x.name === c.name);
    if (!s) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  }
  for (const c of pod.spec.containers) {
    const s = statuses.find((x) => x.name === c.name);
    if (!s) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0) return condition('ContainersReady', false, 'PodCompleted');
  // A failed pod's containers may still be stopping; they count as not ready at once.
  if (phase === 'Failed') return condition('ContainersReady', false, 'PodFailed');
  const messages: string[] = [];
  if (unknown.length > 0) messages.push(`containers with unknown status: [${unknown.join(' ')}]`);
  if (unready.length > 0) messages.push(`containers with unready status: [${unready.join(' ')}]`);
  if (messages.length > 0) return condition('ContainersReady', false, 'ContainersNotReady', messages.join(', '));
  return condition('ContainersReady', true);
}

/** GeneratePodReadyCondition: ContainersReady plus the readiness gates. */
export function readyCondition(pod: Pod, containersReady: PodCondition, existing: PodCondition[]): PodCondition {
  if (containersReady.status !== 'True') return condition('Ready', false, containersReady.reason, containersReady.message);
  const missing: string[] = [];
  const falseGates: string[] = [];
  for (const g of pod.spec.readinessGates ?? []) {
    const c = existing.find((x) => x.type === g.conditionType);
    if (!c) missing.push(g.conditionType);
    else if (c.status !== 'True') falseGates.push(g.conditionType);
  }
  const messages: string[] = [];
  if (missing.length > 0) messages.push(`corresponding condition of pod readiness gate "${missing.join('", "')}" does not exist.`);
  if (falseGates.length > 0) messages.push(`the status of pod readiness gate "${falseGates.join('", "')}" is not "True", but False`);
  if (messages.length > 0) return condition('Ready', false, 'ReadinessGatesNotReady', messages.join(', '));
  return condition('Ready', true);
}
