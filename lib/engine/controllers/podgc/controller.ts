/**
 * The pod garbage collector (pkg/controller/podgc/gc_controller.go). Every gcCheckPeriod (20 s)
 * its gc pass:
 *  - gcTerminating: force-deletes terminating pods on a node that is not Ready and carries the
 *    node.kubernetes.io/out-of-service taint (non-graceful node shutdown);
 *  - gcOrphaned: a pod bound to a node that does not exist puts that node name in quarantine for
 *    40 s (quarantineTime, a delaying queue: the first add wins); once out of quarantine a node
 *    still missing is taken as deleted, and each of its pods gets DisruptionTarget
 *    (DeletionByPodGC, "PodGC: node no longer exists"), phase Failed, and a delete with grace 0;
 *  - gcUnscheduledTerminating: force-deletes terminating pods that were never bound (kubesim's API
 *    already removes those at once, so this rarely has work).
 * gcTerminated (more than 12500 terminated pods) can never trigger in a scenario and is left out.
 * The controller records no events.
 *
 * Timing: upstream's loop runs at a phase unrelated to when a scenario creates its pods (so an
 * orphan is deleted 40 to 60 s after it appears); kubesim runs the pass at t = 10 s, 30 s, 50 s ...
 * (mid-period), so a pod created at t=0 on a missing node is seen at 10 s and deleted at 50 s. The
 * pass only runs while there is something for it to look at.
 */
import type { Node, Pod, PodCondition } from '../../api/types';
import type { Controller, ControllerContext } from '../../core/controller';
import { rfc3339 } from '../../core/time';

export const GC_CHECK_PERIOD_MS = 20_000;
export const QUARANTINE_TIME_MS = 40_000;
/** Where in its period the gc pass falls, counted from t=0. */
export const GC_PHASE_MS = 10_000;

export const TAINT_NODE_OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

function isNodeReady(node: Node): boolean {
  return node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
}

function outOfService(node: Node): boolean {
  return !isNodeReady(node) && (node.spec?.taints ?? []).some((t) => t.key === TAINT_NODE_OUT_OF_SERVICE);
}

function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** byEvictionAndCreationTimestamp: evicted pods first, then oldest, then by name. */
function byEvictionAndCreation(a: Pod, b: Pod): number {
  const ea = a.status?.reason === 'Evicted' && a.status.phase === 'Failed';
  const eb = b.status?.reason === 'Evicted' && b.status.phase === 'Failed';
  if (ea !== eb) return ea ? -1 : 1;
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  const na = a.metadata.name ?? '';
  const nb = b.metadata.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/**
 * markFailedAndDeletePodWithCondition: a pod not yet terminal is patched to Failed (with the
 * condition, as UpdatePodCondition merges it) before the delete with grace period 0, since no
 * kubelet may be left to finish it.
 */
export function markFailedAndDeletePod(ctx: ControllerContext, pod: Pod, condition?: Omit<PodCondition, 'lastTransitionTime'>): void {
  if (!isTerminal(pod)) {
    const status = (pod.status ??= {});
    status.phase = 'Failed';
    if (pod.metadata.generation !== undefined) (status as Record<string, unknown>).observedGeneration = pod.metadata.generation;
    if (condition) {
      const conds = (status.conditions ??= []);
      const i = conds.findIndex((c) => c.type === condition.type);
      const at = i >= 0 && conds[i].status === condition.status ? conds[i].lastTransitionTime : rfc3339(ctx.now());
      const next: PodCondition = {
        type: condition.type,
        status: condition.status,
        ...(pod.metadata.generation !== undefined ? { observedGeneration: pod.metadata.generation } : {}),
        lastProbeTime: null,
        lastTransitionTime: at,
        reason: condition.reason,
        message: condition.message,
      };
      if (i >= 0) conds[i] = next;
      else conds.push(next);
    }
    ctx.update(pod as never);
  }
  ctx.delete('Pod', pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0, uid: pod.metadata.uid });
}

const ORPHAN_CONDITION = {
  type: 'DisruptionTarget',
  status: 'True' as const,
  reason: 'DeletionByPodGC',
  message: 'PodGC: node no longer exists',
};

export function podGCController(): Controller {
  return {
    name: 'pod-garbage-collector',
    start(ctx) {
      /** node name -> when it leaves quarantine (virtual ms). */
      const quarantine = new Map<string, number>();
      let ticking = false;

      const nodeExists = (name: string) => ctx.store.get<Node>('Node', undefined, name) !== undefined;

      /** Whether a pod gives a gc pass something to do, now or after the quarantine. */
      const concerns = (pod: Pod): boolean => {
        const nodeName = pod.spec.nodeName;
        if (!nodeName) return pod.metadata.deletionTimestamp != null;
        const node = ctx.store.get<Node>('Node', undefined, nodeName);
        if (!node) return true;
        return pod.metadata.deletionTimestamp != null && outOfService(node);
      };

      const gc = () => {
        const pods = ctx.store.list<Pod>('Pod').slice();
        const now = ctx.now();

        const terminating = pods.filter((p) => {
          if (!p.metadata.deletionTimestamp || !p.spec.nodeName) return false;
          const node = ctx.store.get<Node>('Node', undefined, p.spec.nodeName);
          return node !== undefined && outOfService(node);
        });
        for (const p of terminating.sort(byEvictionAndCreation)) markFailedAndDeletePod(ctx, p);

        // gcOrphaned: quarantine newly seen missing nodes, then take the ones whose time is up.
        for (const p of pods) {
          const n = p.spec.nodeName;
          if (n && !nodeExists(n) && !quarantine.has(n)) quarantine.set(n, now + QUARANTINE_TIME_MS);
        }
        const deleted = new Set<string>();
        for (const [n, readyAt] of [...quarantine]) {
          if (readyAt > now) continue;
          quarantine.delete(n);
          if (!nodeExists(n)) deleted.add(n);
        }
        for (const p of pods) {
          if (!p.spec.nodeName || !deleted.has(p.spec.nodeName)) continue;
          if (ctx.store.get<Pod>('Pod', p.metadata.namespace, p.metadata.name!) !== p) continue;
          markFailedAndDeletePod(ctx, p, ORPHAN_CONDITION);
        }

        for (const p of pods) {
          if (p.metadata.deletionTimestamp == null || p.spec.nodeName) continue;
          if (ctx.store.get<Pod>('Pod', p.metadata.namespace, p.metadata.name!) !== p) continue;
          markFailedAndDeletePod(ctx, p);
        }
      };

      const tick = () => {
        gc();
        ticking = quarantine.size > 0 || ctx.store.list<Pod>('Pod').some(concerns);
        if (ticking) ctx.after(GC_CHECK_PERIOD_MS, tick);
      };

      /** Starts the periodic pass at its next slot (t = phase + k * period, at or after now). */
      const wake = () => {
        if (ticking) return;
        ticking = true;
        const now = ctx.now();
        const k = Math.max(0, Math.ceil((now - GC_PHASE_MS) / GC_CHECK_PERIOD_MS));
        ctx.after(GC_PHASE_MS + k * GC_CHECK_PERIOD_MS - now, tick);
      };

      ctx.store.watch((c) => {
        if (ticking) return;
        if (c.kind === 'Pod') {
          if (c.type !== 'DELETED' && concerns(c.object as unknown as Pod)) wake();
        } else if (c.kind === 'Node') {
          const node = c.object as unknown as Node;
          // A deleted node orphans its pods; an out-of-service taint on a NotReady node lets
          // terminating pods there go.
          if (c.type === 'DELETED' || outOfService(node)) ctx.enqueue('podgc/node', () => {
            if (ctx.store.list<Pod>('Pod').some(concerns)) wake();
          });
        }
      });
    },
  };
}
