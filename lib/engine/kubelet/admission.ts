/**
 * The kubelet's own admission (lifecycle/predicate.go): a pod bound to this node must fit what the
 * node has left (pods count, then cpu, memory, ephemeral-storage, other resources), match the node's
 * selector and affinity terms, find its host ports free and tolerate its NoExecute taints; otherwise
 * it fails with OutOfcpu, OutOfmemory, NodeAffinity, NodePorts, TaintToleration and
 * "Pod was rejected: <message>".
 */
import type { Node, Pod, Toleration, Taint } from '../api/types';
import { amount, podRequests } from './resources';
import { HostPortInfo } from '../scheduler/framework/host_ports';
import { podInfoOf } from '../scheduler/framework/pod_info';

export interface Rejected {
  reason: string;
  message: string;
}

const ORDER = ['cpu', 'memory', 'ephemeral-storage'];

function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.operator === 'Exists') return !t.key || t.key === taint.key;
  return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
}

function nodeMatchesSelector(pod: Pod, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return true;
  return terms.some((term) =>
    [...(term.matchExpressions ?? [])].every((r) => {
      const has = r.key in labels;
      const v = labels[r.key];
      switch (r.operator) {
        case 'In': return has && (r.values ?? []).includes(v);
        case 'NotIn': return !has || !(r.values ?? []).includes(v);
        case 'Exists': return has;
        case 'DoesNotExist': return !has;
        case 'Gt': return has && Number(v) > Number(r.values?.[0]);
        case 'Lt': return has && Number(v) < Number(r.values?.[0]);
        default: return false;
      }
    }) &&
    (term.matchFields ?? []).every((f) => (f.key === 'metadata.name' ? (f.operator === 'In' ? (f.values ?? []).includes(node.metadata.name!) : !(f.values ?? []).includes(node.metadata.name!)) : true)),
  );
}

export function admitPod(pod: Pod, node: Node, others: Pod[]): Rejected | undefined {
  const alloc = node.status?.allocatable ?? node.status?.capacity ?? {};
  const allowedPods = amount('pods', alloc.pods ?? '110');
  if (others.length + 1 > allowedPods) {
    return { reason: 'OutOfpods', message: `Node didn't have enough resource: pods, requested: 1, used: ${others.length}, capacity: ${allowedPods}` };
  }
  const want = podRequests(pod);
  const used: Record<string, number> = {};
  for (const p of others) for (const [k, v] of Object.entries(podRequests(p))) used[k] = (used[k] ?? 0) + v;
  const names = [...ORDER, ...Object.keys(want).filter((k) => !ORDER.includes(k) && k !== 'pods').sort()];
  for (const r of names) {
    const requested = want[r] ?? 0;
    if (requested === 0) continue;
    const capacity = alloc[r] !== undefined ? amount(r, alloc[r]) : 0;
    if (alloc[r] === undefined && ORDER.includes(r) && r === 'ephemeral-storage') continue;
    const u = used[r] ?? 0;
    if (requested > capacity - u) {
      return { reason: `OutOf${r}`, message: `Node didn't have enough resource: ${r}, requested: ${requested}, used: ${u}, capacity: ${capacity}` };
    }
  }
  if (!nodeMatchesSelector(pod, node)) {
    return { reason: 'NodeAffinity', message: "Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector" };
  }
  // AdmissionCheck runs the scheduler's nodeports.Fits against the pods already on the node.
  const wanted = podInfoOf(pod).hostPorts;
  if (wanted.length > 0) {
    const used = new HostPortInfo();
    for (const p of others) for (const hp of podInfoOf(p).hostPorts) used.add(hp);
    if (wanted.some((hp) => used.checkConflict(hp))) {
      return { reason: 'NodePorts', message: "Predicate NodePorts failed: node(s) didn't have free ports for the requested pod ports" };
    }
  }
  // generalFilter: the kubelet looks only at NoExecute taints, with the TaintToleration plugin's
  // name and its ErrReasonNotMatch.
  for (const taint of node.spec?.taints ?? []) {
    if (taint.effect !== 'NoExecute') continue;
    if (!(pod.spec.tolerations ?? []).some((t) => tolerates(t, taint))) {
      return { reason: 'TaintToleration', message: "Predicate TaintToleration failed: node(s) had taints that the pod didn't tolerate" };
    }
  }
  return undefined;
}
