import { describe, expect, it } from 'vitest';
import type { Affinity, Node, Pod } from '../api/types';
import { schedulePod, Scheduler } from './scheduler';
import { makeNode, makePod } from './testing';

/** A small deterministic generator (mulberry32), so the cases are the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomPod(r: () => number, i: number, owner: boolean): Pod {
  const app = `app${Math.floor(r() * 4)}`;
  const key = r() < 0.5 ? 'kubernetes.io/hostname' : 'topology.kubernetes.io/zone';
  const term = { labelSelector: { matchLabels: { app: `app${Math.floor(r() * 4)}` } }, topologyKey: key };
  let affinity: Affinity | undefined;
  const x = r();
  if (x < 0.25) affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } };
  else if (x < 0.35) affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } };
  else if (x < 0.5) affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: term }] } };
  else if (x < 0.6) affinity = { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 7, podAffinityTerm: term }] } };
  return makePod(`p${i}`, {
    labels: { app },
    requests: { cpu: `${100 + Math.floor(r() * 400)}m` },
    affinity,
    ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: app, uid: app, controller: true }] } : {}),
  });
}

describe('Scheduler keeps its incremental counts equal to a fresh snapshot', () => {
  it.each([1, 2, 3, 4, 5, 6])('random cluster, seed %i', (seed) => {
    const r = rng(seed);
    let nodes: Node[] = Array.from({ length: 8 }, (_, i) => makeNode(`n${i}`, { labels: { 'topology.kubernetes.io/zone': `z${i % 3}` } }));
    const replicaSets = [0, 1, 2, 3].map((a) => ({ metadata: { name: `app${a}`, namespace: 'default' }, spec: { selector: { matchLabels: { app: `app${a}` } } } }));
    const s = Scheduler.fromSnapshot({ nodes, pods: [], replicaSets });
    const placed: Pod[] = [];
    for (let i = 0; i < 40; i++) {
      if (i === 20) {
        // Move a node to another zone half way: the counts must follow.
        const moved = makeNode('n0', { labels: { 'topology.kubernetes.io/zone': 'z2' } });
        nodes = [moved, ...nodes.slice(1)];
        s.updateNode(moved);
      }
      if (i === 30 && placed.length > 0) {
        const gone = placed.shift()!;
        s.removePod(gone);
      }
      const pod = randomPod(r, i, r() < 0.5);
      const fresh = schedulePod(pod, { nodes, pods: placed, replicaSets });
      const got = s.schedule(pod);
      expect({ node: got.nodeName, message: got.message }).toEqual({ node: fresh.nodeName, message: fresh.message });
      if (got.nodeName) {
        s.assume(pod, got.nodeName);
        placed.push({ ...pod, spec: { ...pod.spec, nodeName: got.nodeName } });
      }
    }
  });
});
