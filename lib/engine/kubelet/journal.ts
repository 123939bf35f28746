/**
 * What the kubelet saw, for the result's `timeline` and `logs`: per container, the intervals of its
 * Waiting / Running / Terminated states with reasons, its restarts and its probe results; and each
 * container's current and previous output (what `kubectl logs` and `kubectl logs --previous` show).
 */

export interface StateInterval {
  state: 'Waiting' | 'Running' | 'Terminated';
  reason?: string;
  exitCode?: number;
  /** Virtual seconds. */
  from: number;
  to?: number;
}

export interface ProbeRecord {
  at: number;
  probe: 'liveness' | 'readiness' | 'startup';
  result: 'Success' | 'Failure';
  message?: string;
}

export interface ContainerTimeline {
  name: string;
  init: boolean;
  intervals: StateInterval[];
  restarts: number;
  probes: ProbeRecord[];
}

export interface PodTimeline {
  pod: string;
  uid: string;
  node?: string;
  containers: ContainerTimeline[];
}

export interface ContainerLogs {
  pod: string;
  container: string;
  current: string;
  previous?: string;
}

const MAX_PROBES = 500;
const MAX_INTERVALS = 500;

export class Journal {
  private pods = new Map<string, PodTimeline>();
  private logs = new Map<string, ContainerLogs>();

  private pod(key: string, uid: string, node?: string): PodTimeline {
    let p = this.pods.get(uid);
    if (!p) this.pods.set(uid, (p = { pod: key, uid, node, containers: [] }));
    return p;
  }

  private container(key: string, uid: string, name: string, init: boolean): ContainerTimeline {
    const p = this.pod(key, uid);
    let c = p.containers.find((x) => x.name === name);
    if (!c) p.containers.push((c = { name, init, intervals: [], restarts: 0, probes: [] }));
    return c;
  }

  setNode(key: string, uid: string, node: string): void {
    this.pod(key, uid).node = node;
  }

  state(key: string, uid: string, name: string, init: boolean, at: number, state: StateInterval['state'], reason?: string, exitCode?: number, restarts = 0): void {
    const c = this.container(key, uid, name, init);
    c.restarts = restarts;
    const last = c.intervals[c.intervals.length - 1];
    if (last && last.to === undefined && last.state === state && last.reason === reason && last.exitCode === exitCode) return;
    if (last && last.to === undefined) last.to = at;
    if (c.intervals.length >= MAX_INTERVALS) return;
    const iv: StateInterval = { state, from: at };
    if (reason) iv.reason = reason;
    if (exitCode !== undefined) iv.exitCode = exitCode;
    c.intervals.push(iv);
  }

  probe(key: string, uid: string, name: string, init: boolean, rec: ProbeRecord): void {
    const c = this.container(key, uid, name, init);
    if (c.probes.length < MAX_PROBES) c.probes.push(rec);
  }

  setLogs(key: string, uid: string, container: string, current: string, previous?: string): void {
    const entry: ContainerLogs = { pod: key, container, current };
    if (previous !== undefined) entry.previous = previous;
    this.logs.set(`${uid}/${container}`, entry);
  }

  timeline(): PodTimeline[] {
    return [...this.pods.values()];
  }

  allLogs(): ContainerLogs[] {
    return [...this.logs.values()];
  }
}
