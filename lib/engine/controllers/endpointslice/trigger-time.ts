/**
 * pkg/controller/util/endpoint/trigger_time_tracker.go: the value of the
 * endpoints.kubernetes.io/last-change-trigger-time annotation. The first sync of a Service reports
 * its creation time; later syncs report the earliest change that triggered them: a pod whose Ready
 * condition moved since the last sync, or a recreated Service. undefined means none (the
 * annotation is then removed).
 */
import type { Pod } from '../../api/types';
import type { Service } from '../apps';
import { parseTime, podReadyCondition } from '../meta';

interface ServiceState {
  /** pod name -> its Ready transition time, and the sync that last saw it. */
  pods: Map<string, { time: number; sync: number }>;
  service: number | undefined;
  sync: number;
}

function earliest(current: number | undefined, value: number): number {
  return current === undefined || value < current ? value : current;
}

/** time.After: a zero (undefined) earlier time is before every real one. */
function after(t: number, than: number | undefined): boolean {
  return than === undefined || t > than;
}

export class TriggerTimeTracker {
  private readonly states = new Map<string, ServiceState>();

  compute(key: string, svc: Service, pods: Pod[]): number | undefined {
    const known = this.states.get(key);
    const state: ServiceState = known ?? { pods: new Map(), service: undefined, sync: 0 };
    const sync = ++state.sync;
    let min: number | undefined;
    for (const pod of pods) {
      const t = parseTime(podReadyCondition(pod)?.lastTransitionTime);
      if (t === undefined) continue;
      const name = pod.metadata.name!;
      const last = state.pods.get(name);
      if (!last || last.sync !== sync - 1 ? after(t, undefined) : after(t, last.time)) min = earliest(min, t);
      if (last) {
        last.time = t;
        last.sync = sync;
      } else state.pods.set(name, { time: t, sync });
    }
    // Pods not seen this time are forgotten, as the tracker keeps only the pods it was given.
    if (state.pods.size > pods.length) for (const [name, v] of state.pods) if (v.sync !== sync) state.pods.delete(name);
    const serviceTime = parseTime(svc.metadata.creationTimestamp);
    if (serviceTime !== undefined && after(serviceTime, state.service)) min = earliest(min, serviceTime);
    state.service = serviceTime;
    this.states.set(key, state);
    return known ? min : serviceTime;
  }

  delete(key: string): void {
    this.states.delete(key);
  }
}
