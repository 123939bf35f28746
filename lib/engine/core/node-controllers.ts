/**
 * The node lifecycle controller and the taint eviction controller (kube-controller-manager):
 *  - node lifecycle: a kubelet silent for node-monitor-grace-period (50s) gets every node condition
 *    set Unknown (NodeStatusUnknown, "Kubelet stopped posting node status."), a NodeNotReady event
 *    and its pods marked not ready; Ready=False or Unknown nodes get the not-ready / unreachable
 *    taints, a cordoned node the unschedulable taint; all are removed when the condition clears.
 *    NoSchedule taints follow a node change at once, NoExecute ones at the next monitor pass (5s).
 *  - taint eviction: a pod on a node with a NoExecute taint it does not tolerate is deleted at
 *    once; one tolerating it for tolerationSeconds is deleted that long after the taint was seen.
 */
import type { Node, ObjectReference, Pod, Taint, Toleration } from '../api/types';
import type { Controller, ControllerContext } from './controller';
import { rfc3339 } from './time';

export const NODE_MONITOR_PERIOD_MS = 5_000;
export const NODE_MONITOR_GRACE_MS = 50_000;

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';
const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

function nodeRef(node: Node): ObjectReference {
  return { kind: 'Node', name: node.metadata.name!, uid: node.metadata.name!, apiVersion: 'v1' };
}

function podRef(pod: Pod): ObjectReference {
  return { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name!, uid: pod.metadata.uid, apiVersion: 'v1' };
}

/** When a node's kubelet stopped reporting (virtual ms), if it did. */
export type KubeletSilence = (node: string) => number | undefined;

/**
 * Two loops, as upstream runs them:
 *  - doNoScheduleTaintingPass runs on every Node update: the NoSchedule taints follow the Ready
 *    condition (and spec.unschedulable) at once;
 *  - monitorNodeHealth runs every node-monitor-period: it sets a silent node Unknown, and applies
 *    the NoExecute taints from the Ready condition it *observed* at the start of the pass (upstream
 *    passes observedReadyCondition to processTaintBaseEviction), so the NoExecute taint lands one
 *    period after the condition changed.
 * Passes fall on whole multiples of the period. `onSilence` lets the monitor sleep while nothing
 * is pending: it is woken when a kubelet stops reporting or a node changes.
 */
export function nodeLifecycleController(silentSince: KubeletSilence, onSilence?: (wake: () => void) => void): Controller {
  return {
    name: 'node-controller',
    start(ctx) {
      const nodes = () => ctx.store.list<Node>('Node');
      let ticking = false;
      // A node the monitor still has work on: silent but not yet Unknown, or NoExecute taints that
      // do not yet follow its Ready condition.
      const pendingOn = (n: Node) => {
        const status = readyStatus(n);
        if (silentSince(n.metadata.name!) !== undefined && status !== 'Unknown') return true;
        return !sameTaints(managedTaints(n, 'NoExecute'), noExecuteTaints(status));
      };
      const pending = () => nodes().some(pendingOn);
      const tick = () => {
        for (const node of nodes()) monitorNodeHealth(ctx, node, silentSince(node.metadata.name!));
        ticking = pending() || !onSilence;
        if (ticking) ctx.after(NODE_MONITOR_PERIOD_MS, tick);
      };
      const wake = () => {
        if (ticking) return;
        ticking = true;
        const now = ctx.now();
        ctx.after((Math.floor(now / NODE_MONITOR_PERIOD_MS) + 1) * NODE_MONITOR_PERIOD_MS - now, tick);
      };
      ctx.store.watch((c) => {
        if (c.kind !== 'Node') return;
        const name = c.object.metadata?.name;
        ctx.enqueue(`node-lifecycle/noschedule/${name}`, () => {
          const node = ctx.store.get<Node>('Node', undefined, name!);
          if (!node) return;
          if (setManagedTaints(ctx, node, 'NoSchedule', noScheduleTaints(node))) ctx.update(node as never);
          if (onSilence && pendingOn(node)) wake();
        });
      });
      if (onSilence) onSilence(wake);
      else wake();
    },
  };
}

type ReadyStatus = 'True' | 'False' | 'Unknown';

function readyStatus(node: Node): ReadyStatus {
  return (node.status?.conditions?.find((c) => c.type === 'Ready')?.status as ReadyStatus | undefined) ?? 'True';
}

const MANAGED = new Set([NOT_READY, UNREACHABLE, UNSCHEDULABLE]);

function noScheduleTaints(node: Node): Taint[] {
  const want: Taint[] = [];
  const status = readyStatus(node);
  if (node.spec?.unschedulable) want.push({ key: UNSCHEDULABLE, effect: 'NoSchedule' });
  if (status === 'False') want.push({ key: NOT_READY, effect: 'NoSchedule' });
  if (status === 'Unknown') want.push({ key: UNREACHABLE, effect: 'NoSchedule' });
  return want;
}

function noExecuteTaints(observed: ReadyStatus): Taint[] {
  if (observed === 'False') return [{ key: NOT_READY, effect: 'NoExecute' }];
  if (observed === 'Unknown') return [{ key: UNREACHABLE, effect: 'NoExecute' }];
  return [];
}

const sameTaint = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;

function managedTaints(node: Node, effect: Taint['effect']): Taint[] {
  return (node.spec?.taints ?? []).filter((t) => MANAGED.has(t.key) && t.effect === effect);
}

function sameTaints(a: Taint[], b: Taint[]): boolean {
  return a.length === b.length && a.every((t) => b.some((w) => sameTaint(t, w)));
}

/** Makes the controller's taints of one effect what `want` says; true when the node changed. */
function setManagedTaints(ctx: ControllerContext, node: Node, effect: Taint['effect'], want: Taint[]): boolean {
  const current = node.spec?.taints ?? [];
  const kept = current.filter((t) => !MANAGED.has(t.key) || t.effect !== effect || want.some((w) => sameTaint(w, t)));
  const added = want.filter((w) => !current.some((t) => sameTaint(t, w))).map((w) => ({ ...w, timeAdded: rfc3339(ctx.now()) }));
  if (kept.length === current.length && added.length === 0) return false;
  const taints = [...kept, ...added];
  const spec = (node.spec ??= {});
  if (taints.length) spec.taints = taints;
  else delete spec.taints;
  return true;
}

/** One node in one monitorNodeHealth pass. */
function monitorNodeHealth(ctx: ControllerContext, node: Node, silent: number | undefined): void {
  const now = ctx.now();
  const observed = readyStatus(node);
  const conds = node.status?.conditions ?? [];
  let changed = false;
  if (silent !== undefined && now - silent >= NODE_MONITOR_GRACE_MS && observed !== 'Unknown' && conds.some((c) => c.type === 'Ready')) {
    const at = rfc3339(now);
    for (const c of conds) {
      c.status = 'Unknown';
      c.reason = 'NodeStatusUnknown';
      c.message = 'Kubelet stopped posting node status.';
      c.lastTransitionTime = at;
    }
    // Upstream's current != True && observed == True: the event and MarkPodsNotReady. A kubelet
    // that reports NotReady itself records its own NodeNotReady event.
    if (observed === 'True') {
      ctx.event('node-controller', nodeRef(node), 'Normal', 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`);
      for (const pod of ctx.store.list<Pod>('Pod')) {
        if (pod.spec.nodeName !== node.metadata.name) continue;
        // MarkPodsNotReady: only a pod whose Ready condition it changes is written and gets the event.
        const r = pod.status?.conditions?.find((c) => c.type === 'Ready');
        if (!r || r.status === 'False') continue;
        r.status = 'False';
        r.lastTransitionTime = at;
        ctx.update(pod as never);
        ctx.event('node-controller', podRef(pod), 'Warning', 'NodeNotReady', 'Node is not ready');
      }
    }
    changed = true;
    // The status update wakes doNoScheduleTaintingPass, which adds the unreachable NoSchedule taint.
    setManagedTaints(ctx, node, 'NoSchedule', noScheduleTaints(node));
  }
  if (setManagedTaints(ctx, node, 'NoExecute', noExecuteTaints(observed))) changed = true;
  if (changed) ctx.update(node as never);
}

function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.operator === 'Exists') return !t.key || t.key === taint.key;
  return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
}

export function taintEvictionController(): Controller {
  return {
    name: 'taint-eviction-controller',
    start(ctx) {
      // pod uid -> the scheduled deletion time and its timer (the TimedWorkerQueue's unfired work)
      const planned = new Map<string, { at: number; cancel: () => void }>();
      const emit = (pod: Pod, message: string) =>
        // The controller names the pod by namespace and name only, without its uid.
        ctx.event('taint-eviction-controller', { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name!, apiVersion: 'v1' }, 'Normal', 'TaintManagerEviction', `${message} ${pod.metadata.namespace}/${pod.metadata.name}`);
      // cancelWorkWithEvent: only work that had not fired yet is announced as cancelled.
      const cancelWithEvent = (pod: Pod) => {
        const existing = planned.get(pod.metadata.uid!);
        if (!existing) return;
        existing.cancel();
        planned.delete(pod.metadata.uid!);
        emit(pod, 'Cancelling deletion of Pod');
      };
      const evict = (pod: Pod) => {
        planned.delete(pod.metadata.uid!);
        const stored = ctx.store.get<Pod>('Pod', pod.metadata.namespace, pod.metadata.name!);
        if (!stored || stored.metadata.uid !== pod.metadata.uid) return;
        emit(stored, 'Marking for deletion Pod');
        const conds = ((stored.status ??= {}).conditions ??= []);
        const at = rfc3339(ctx.now());
        const cond = { type: 'DisruptionTarget', status: 'True' as const, ...(stored.metadata.generation !== undefined ? { observedGeneration: stored.metadata.generation } : {}), lastProbeTime: null, lastTransitionTime: at, reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' };
        const i = conds.findIndex((c) => c.type === 'DisruptionTarget');
        if (i >= 0) conds[i] = cond;
        else conds.push(cond);
        ctx.update(stored as never);
        ctx.delete('Pod', stored.metadata.namespace, stored.metadata.name!, { uid: stored.metadata.uid });
      };
      const process = (pod: Pod) => {
        const uid = pod.metadata.uid!;
        const node = pod.spec.nodeName ? ctx.store.get<Node>('Node', undefined, pod.spec.nodeName) : undefined;
        const taints = (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
        const existing = planned.get(uid);
        if (!node || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') {
          existing?.cancel();
          planned.delete(uid);
          return;
        }
        if (taints.length === 0) return cancelWithEvent(pod);
        // A pod already being deleted keeps any eviction planned for it but gets no new one.
        if (pod.metadata.deletionTimestamp) return;
        const tolerations = pod.spec.tolerations ?? [];
        let min = Infinity;
        for (const taint of taints) {
          const used = tolerations.filter((t) => tolerates(t, taint));
          if (used.length === 0) {
            min = -1;
            break;
          }
          for (const t of used) {
            if (t.tolerationSeconds === undefined) continue;
            const seconds = Math.max(0, t.tolerationSeconds) * 1000;
            if (seconds < min) min = seconds;
          }
        }
        if (min === Infinity) return cancelWithEvent(pod);
        if (min < 0) {
          // Deleted right away; upstream's immediate work fires before any later update is seen.
          if (existing && existing.at <= ctx.now()) return;
          cancelWithEvent(pod);
        } else if (existing) {
          // processPodOnNode keeps work already scheduled: its clock started when it was created.
          return;
        }
        const at = ctx.now() + Math.max(0, min);
        const timer = ctx.after(at - ctx.now(), () => evict(pod));
        planned.set(uid, { at, cancel: () => timer.cancel() });
      };
      ctx.store.watch((c) => {
        if (c.kind === 'Node') {
          const name = c.object.metadata?.name;
          ctx.enqueue(`taint-eviction/node/${name}`, () => {
            for (const p of ctx.store.list<Pod>('Pod')) if (p.spec.nodeName === name) process(p);
          });
        } else if (c.kind === 'Pod') {
          const pod = c.object as unknown as Pod;
          if (c.type === 'DELETED') ctx.enqueue(`taint-eviction/deleted/${pod.metadata.uid}`, () => cancelWithEvent(pod));
          else if (pod.spec.nodeName) ctx.enqueue(`taint-eviction/pod/${pod.metadata.uid}`, () => process(pod));
        }
      });
    },
  };
}
