/**
 * `kubectl get pods -o wide`: the rows the API server's pod printer (pkg/printers/internalversion
 * printPod) produces and the way kubectl lays them out (cli-runtime's table printer).
 */
import type { Container, ContainerStatus, Pod, PodCondition } from '../api/types';
import { humanDuration } from './duration';
import { parseTimestamp, timestampSince } from './time';
import { GET_TABWRITER, tabwrite } from './tabwriter';
import { escapeTerminal } from './terminal';

/** What printPod derives from one pod's status; the columns are built from it. */
export interface PodSummary {
  /** READY: ready containers / containers, sidecars (restartable init containers) included. */
  ready: string;
  /** STATUS. */
  status: string;
  /** Restarts counted the way the RESTARTS column counts them. */
  restarts: number;
  /** finishedAt of the latest lastState.terminated among the counted containers (seconds), if any. */
  lastRestartAt?: number;
}

const NODE_UNREACHABLE_REASON = 'NodeLost';

export function podStatusColumn(pod: Pod): string {
  return summarizePod(pod).status;
}

export function summarizePod(pod: Pod): PodSummary {
  const status = pod.status ?? {};
  const spec = pod.spec;
  const conditions = status.conditions ?? [];
  let restarts = 0;
  let sidecarRestarts = 0;
  let readyContainers = 0;
  let totalContainers = spec.containers?.length ?? 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;

  const phase = status.phase ?? '';
  let reason: string = status.reason ? status.reason : phase;
  if (conditions.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    reason = 'SchedulingGated';
  }

  const initContainers = new Map<string, Container>();
  for (const c of spec.initContainers ?? []) {
    initContainers.set(c.name, c);
    if (isSidecar(c)) totalContainers++;
  }

  // Init containers run in order; the first one that has not completed says where the pod is.
  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    restarts += cs.restartCount ?? 0;
    const finished = lastTerminationFinishedAt(cs);
    lastRestart = later(lastRestart, finished);
    const sidecar = isSidecar(initContainers.get(cs.name));
    if (sidecar) {
      sidecarRestarts += cs.restartCount ?? 0;
      lastSidecarRestart = later(lastSidecarRestart, finished);
    }
    const terminated = cs.state?.terminated;
    const waiting = cs.state?.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    if (sidecar && cs.started === true) {
      if (cs.ready) readyContainers++;
      continue;
    }
    if (terminated) {
      if (!terminated.reason) {
        reason = terminated.signal ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${terminated.exitCode}`;
      } else {
        reason = `Init:${terminated.reason}`;
      }
    } else if (waiting && waiting.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${spec.initContainers?.length ?? 0}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionIsTrue(conditions, 'Initialized')) {
    // From here on only sidecar restarts count among the init containers'.
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    // The first container (in spec order) with a reason wins: walk them backwards.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      restarts += cs.restartCount ?? 0;
      lastRestart = later(lastRestart, lastTerminationFinishedAt(cs));
      const waiting = cs.state?.waiting;
      const terminated = cs.state?.terminated;
      if (waiting && waiting.reason) {
        reason = waiting.reason;
      } else if (terminated && terminated.reason) {
        reason = terminated.reason;
      } else if (terminated) {
        reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
      } else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A completed container next to a running one does not make the pod Completed.
    if (reason === 'Completed' && hasRunning) {
      reason = conditionIsTrue(conditions, 'Ready', true) ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata.deletionTimestamp && status.reason === NODE_UNREACHABLE_REASON) {
    reason = 'Unknown';
  } else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') {
    reason = 'Terminating';
  }

  return {
    ready: `${readyContainers}/${totalContainers}`,
    status: reason,
    restarts,
    lastRestartAt: lastRestart,
  };
}

/** The RESTARTS cell: "3", or "3 (45s ago)" when a container has a last termination time. */
export function restartsColumn(summary: PodSummary, now: number): string {
  if (summary.restarts !== 0 && summary.lastRestartAt !== undefined) {
    return `${summary.restarts} (${humanDuration(now - summary.lastRestartAt)} ago)`;
  }
  return String(summary.restarts);
}

/** The cells of one `-o wide` row, NAMESPACE left out. */
export function podRow(pod: Pod, now: number): string[] {
  const summary = summarizePod(pod);
  const status = pod.status ?? {};
  const podIP = status.podIPs?.[0]?.ip || '<none>';
  return [
    pod.metadata.name ?? '',
    summary.ready,
    summary.status,
    restartsColumn(summary, now),
    timestampSince(pod.metadata.creationTimestamp, now),
    podIP,
    pod.spec.nodeName || '<none>',
    status.nominatedNodeName || '<none>',
    readinessGatesColumn(pod),
  ];
}

const HEADERS = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'];

/**
 * `kubectl get pods -o wide`, or with `-A` when the pods span several namespaces (a NAMESPACE column
 * first). Rows come in the API server's list order (by the key namespace/name). No pods, no output:
 * kubectl then only says "No resources found" on stderr.
 */
export function podTable(pods: Pod[], now: number): string {
  if (pods.length === 0) return '';
  const namespaces = new Set(pods.map((p) => p.metadata.namespace ?? 'default'));
  const withNamespace = namespaces.size > 1;
  const keyed = pods.map((p) => ({ key: `${p.metadata.namespace ?? 'default'}/${p.metadata.name ?? ''}`, pod: p }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const lines: string[] = [(withNamespace ? ['NAMESPACE', ...HEADERS] : HEADERS).join('\t')];
  for (const { pod } of keyed) {
    const cells = podRow(pod, now).map(tableCell);
    if (withNamespace) cells.unshift(tableCell(pod.metadata.namespace ?? 'default'));
    lines.push(cells.join('\t'));
  }
  return tabwrite(lines.join('\n') + '\n', GET_TABWRITER);
}

/** The table printer cuts a cell at its first line break (adding "...") and escapes terminal codes. */
function tableCell(text: string): string {
  const cut = text.search(/[\f\n\r]/);
  const shown = cut >= 0 ? text.slice(0, cut) : text;
  return escapeTerminal(shown) + (cut >= 0 ? '...' : '');
}

function readinessGatesColumn(pod: Pod): string {
  const gates = pod.spec.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conditions = pod.status?.conditions ?? [];
  let met = 0;
  for (const gate of gates) {
    const c = conditions.find((x) => x.type === gate.conditionType);
    if (c && c.status === 'True') met++;
  }
  return `${met}/${gates.length}`;
}

function isSidecar(c: Container | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

/**
 * Whether the condition of that type is True. isPodInitializedConditionTrue looks at the first
 * condition of the type; hasPodReadyCondition (anyMatch) at any.
 */
function conditionIsTrue(conditions: PodCondition[], type: string, anyMatch = false): boolean {
  for (const c of conditions) {
    if (c.type !== type) continue;
    if (c.status === 'True') return true;
    if (!anyMatch) return false;
  }
  return false;
}

function lastTerminationFinishedAt(cs: ContainerStatus): number | undefined {
  const terminated = cs.lastState?.terminated;
  if (!terminated) return undefined;
  // A terminated last state without finishedAt is Go's zero time: it never wins "latest".
  return parseTimestamp(terminated.finishedAt);
}

function later(a: number | undefined, b: number | undefined): number | undefined {
  if (b === undefined) return a;
  if (a === undefined || a < b) return b;
  return a;
}
