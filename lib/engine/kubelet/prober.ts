/**
 * Probe workers (pkg/kubelet/prober/worker.go): one per container and probe kind, ticking every
 * periodSeconds from when the pod was added. A result changes only after failureThreshold failures
 * or successThreshold successes in a row; each failure records an Unhealthy event. The startup probe
 * gates the others; a failed liveness or startup probe holds its worker until the container restarts.
 */
import type { Probe } from '../api/types';
import type { Timer } from '../core/loop';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';
export type ProbeResult = 'Success' | 'Failure' | 'Unknown';

export interface ProbeOutcome {
  result: 'Success' | 'Failure';
  output: string;
  /** "errored" (the probe could not run) rather than "failed". */
  errored?: boolean;
}

export interface ProbeTarget {
  /** The current container instance id, when it is running. */
  runningId(): string | undefined;
  startedAt(): number;
  /** The startup probe has passed (or there is none). */
  started(): boolean;
  run(probe: Probe, kind: ProbeKind): ProbeOutcome;
  /** Called when a result changes (and for liveness/startup failures, to restart). */
  changed(kind: ProbeKind, result: ProbeResult): void;
  unhealthy(kind: ProbeKind, outcome: ProbeOutcome): void;
  active(): boolean;
}

const TITLES: Record<ProbeKind, string> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' };

export function probeEventMessage(kind: ProbeKind, outcome: ProbeOutcome): string {
  return outcome.errored ? `${TITLES[kind]} probe errored and resulted in unknown state: ${outcome.output}` : `${TITLES[kind]} probe failed: ${outcome.output}`;
}

export function initialResult(kind: ProbeKind): ProbeResult {
  return kind === 'readiness' ? 'Failure' : kind === 'liveness' ? 'Success' : 'Unknown';
}

export class ProbeWorker {
  result: ProbeResult;
  /** The pending periodic tick, so a manual run can restart the ticker. */
  timer?: Timer;
  /** When the worker last ran (virtual ms), so one instant never probes twice. */
  lastRunAt = -1;
  /** Set when the kubelet stops this worker (liveness and startup stop once the pod is deleted). */
  stopped = false;
  /** The periodic tick, bound once (set by whoever schedules the worker). */
  fire?: () => void;
  private lastResult: ProbeResult = 'Unknown';
  private resultRun = 0;
  private containerId?: string;
  private onHold = false;

  constructor(
    readonly kind: ProbeKind,
    readonly probe: Probe,
    private readonly target: ProbeTarget,
  ) {
    this.result = initialResult(kind);
  }

  get periodMs(): number {
    return Math.max(1, this.probe.periodSeconds ?? 10) * 1000;
  }

  /** One tick; returns false when the worker should stop. */
  tick(now: number): boolean {
    if (this.stopped || !this.target.active()) return false;
    this.lastRunAt = now;
    const id = this.target.runningId();
    if (!id) {
      // Not running: readiness drops to failure; liveness and startup wait for a container.
      if (this.kind === 'readiness' && this.result !== 'Failure' && this.containerId) this.set('Failure');
      return true;
    }
    if (id !== this.containerId) {
      this.containerId = id;
      this.onHold = false;
      this.resultRun = 0;
      this.lastResult = 'Unknown';
      const init = initialResult(this.kind);
      if (this.result !== init) this.set(init);
    }
    if (this.onHold) return true;
    if (this.kind === 'startup') {
      if (this.target.started()) return true;
    } else if (!this.target.started()) return true;
    if (now < this.target.startedAt() + (this.probe.initialDelaySeconds ?? 0) * 1000) return true;
    const outcome = this.target.run(this.probe, this.kind);
    if (outcome.result === 'Failure') this.target.unhealthy(this.kind, outcome);
    // A probe that could not run at all says nothing about the container: its result is thrown away.
    if (outcome.errored) return true;
    if (this.lastResult === outcome.result) this.resultRun++;
    else {
      this.lastResult = outcome.result;
      this.resultRun = 1;
    }
    const failureThreshold = this.probe.failureThreshold ?? 3;
    const successThreshold = this.probe.successThreshold ?? 1;
    if ((outcome.result === 'Failure' && this.resultRun < failureThreshold) || (outcome.result === 'Success' && this.resultRun < successThreshold)) {
      return true;
    }
    if (this.result !== outcome.result) this.set(outcome.result);
    if ((this.kind === 'liveness' || this.kind === 'startup') && outcome.result === 'Failure') {
      this.onHold = true;
      this.resultRun = 0;
    }
    return true;
  }

  private set(result: ProbeResult): void {
    this.result = result;
    this.target.changed(this.kind, result);
  }
}
