/**
 * Properties of whole simulations over random manifests and random action sequences (the issue's
 * list): nothing throws, the same input gives the same bytes, restartCount never decreases, a pod
 * never leaves a terminal phase, a bound pod never moves, and the scheduler never over-commits a
 * node's allocatable. Hostile input (random JSON, random text) ends in a rejection or a
 * ScenarioError, never another exception.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { milliValue, value } from '../api/quantity';
import type { Pod } from '../api/types';
import { runScenario, type ScenarioResult } from './run';
import { normalizeScenario, parseScenarioText, ScenarioError } from './scenario';

const NODES = ['n1', 'n2', 'n3'];
const node = (name: string, cpu: string, memory: string, labels: Record<string, string>) => ({
  metadata: { name, labels },
  status: { allocatable: { cpu, memory, pods: '8' } },
});

const quantityCpu = fc.constantFrom('100m', '250m', '500m', '1', '1500m');
const quantityMemory = fc.constantFrom('64Mi', '256Mi', '512Mi', '1Gi');
const image = fc.constantFrom('busybox:1.36', 'nginx:1.25', 'nosuch:1', 'redis:7');
const script = fc.constantFrom('sleep 3600', 'exit 0', 'exit 1', 'sleep 7; exit 2', 'echo hi; sleep 30');

const container = fc.record({ image, script, cpu: fc.option(quantityCpu, { nil: undefined }), memory: fc.option(quantityMemory, { nil: undefined }), probe: fc.boolean() })
  .map(({ image: img, script: s, cpu, memory, probe }) => ({
    name: 'app',
    image: img,
    ...(img.startsWith('busybox') ? { command: ['sh', '-c', s] } : {}),
    ...(cpu || memory ? { resources: { requests: { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) } } } : {}),
    ...(probe ? { readinessProbe: { exec: { command: ['true'] }, periodSeconds: 5 } } : {}),
  }));

const placement = fc.record({
  selector: fc.option(fc.constantFrom('ssd', 'hdd'), { nil: undefined }),
  tolerate: fc.boolean(),
  spread: fc.boolean(),
});

const podDoc = (name: string, restartPolicy: string, c: object, p: { selector?: string; tolerate: boolean; spread: boolean }, app: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { app } },
  spec: {
    restartPolicy,
    containers: [c],
    ...(p.selector ? { nodeSelector: { disk: p.selector } } : {}),
    ...(p.tolerate ? { tolerations: [{ key: 'k', operator: 'Exists' }] } : {}),
    ...(p.spread
      ? { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app } }, topologyKey: 'kubernetes.io/hostname' }] } } }
      : {}),
  },
});

const deployment = (replicas: number, c: object) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [c] } } },
});

const action = fc.oneof(
  fc.record({ at: fc.integer({ min: 0, max: 90 }), taint: fc.record({ node: fc.constantFrom(...NODES), key: fc.constant('k'), value: fc.constant('v'), effect: fc.constantFrom('NoSchedule', 'NoExecute', 'PreferNoSchedule'), remove: fc.boolean() }) }),
  fc.record({ at: fc.integer({ min: 0, max: 90 }), label: fc.record({ node: fc.constantFrom(...NODES), labels: fc.record({ disk: fc.constantFrom('ssd', 'hdd', null) }) }) }),
  fc.record({ at: fc.integer({ min: 0, max: 90 }), cordon: fc.record({ node: fc.constantFrom(...NODES) }) }),
  fc.record({ at: fc.integer({ min: 0, max: 90 }), uncordon: fc.record({ node: fc.constantFrom(...NODES) }) }),
  fc.record({ at: fc.integer({ min: 0, max: 90 }), delete: fc.record({ kind: fc.constant('Pod'), name: fc.constantFrom('p0', 'p1', 'p2', 'p3'), gracePeriodSeconds: fc.constantFrom(0, 5, 30) }) }),
  fc.record({ at: fc.integer({ min: 0, max: 90 }), delete: fc.record({ kind: fc.constant('Pod'), selector: fc.constant({ app: 'web' }) }) }),
  fc.record({ at: fc.integer({ min: 0, max: 90 }), scale: fc.record({ kind: fc.constant('Deployment'), name: fc.constant('web'), replicas: fc.integer({ min: 0, max: 6 }) }) }),
  fc.record({ at: fc.integer({ min: 0, max: 90 }), rollout: fc.record({ kind: fc.constant('Deployment'), name: fc.constant('web'), do: fc.constantFrom('restart', 'undo', 'pause', 'resume') }) }),
  fc.record({ at: fc.integer({ min: 0, max: 90 }), nodeCondition: fc.record({ node: fc.constantFrom(...NODES), ready: fc.constantFrom('True', 'False', 'Unknown') }) }),
);

const cluster = fc.record({
  nodes: fc.tuple(quantityCpu, quantityCpu, quantityCpu, fc.constantFrom('1Gi', '2Gi', '4Gi')),
  pods: fc.array(fc.record({ policy: fc.constantFrom('Always', 'OnFailure', 'Never'), container, placement }), { minLength: 1, maxLength: 4 }),
  replicas: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
  template: container,
  actions: fc.array(action, { maxLength: 6 }),
  until: fc.integer({ min: 30, max: 120 }),
}).map((s) => {
  const docs: object[] = s.pods.map((p, i) => podDoc(`p${i}`, p.policy, p.container, p.placement, i % 2 ? 'odd' : 'even'));
  if (s.replicas !== undefined) docs.push(deployment(s.replicas, s.template));
  return normalizeScenario({
    nodes: [node('n1', s.nodes[0], s.nodes[3], { disk: 'ssd' }), node('n2', s.nodes[1], s.nodes[3], { disk: 'hdd' }), node('n3', s.nodes[2], '1Gi', {})],
    apply: docs,
    actions: s.actions,
    observe: [...new Set([1, 5, 15, 30, 45, 60, 90].filter((t) => t <= s.until))],
    until: s.until,
  });
});

/** The requests the scheduler counts for a pod (containers; enough for these single-container pods). */
function requests(p: Pod): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of p.spec.containers) {
    const r = c.resources?.requests ?? {};
    if (r.cpu !== undefined) cpu += milliValue(r.cpu);
    if (r.memory !== undefined) memory += value(r.memory);
  }
  return { cpu, memory };
}

const terminal = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

function checkInvariants(r: ScenarioResult, allocatable: Map<string, { cpu: number; memory: number }>): void {
  const restarts = new Map<string, number>();
  const phases = new Map<string, string>();
  const nodes = new Map<string, string>();
  for (const view of [...r.snapshots, r.final]) {
    const used = new Map<string, { cpu: number; memory: number }>();
    for (const p of view.pods) {
      const uid = p.metadata.uid!;
      const count = [...(p.status?.containerStatuses ?? []), ...(p.status?.initContainerStatuses ?? [])].reduce((n, c) => n + c.restartCount, 0);
      expect(count, `${p.metadata.name} restartCount at ${view.at}`).toBeGreaterThanOrEqual(restarts.get(uid) ?? 0);
      restarts.set(uid, count);
      const was = phases.get(uid);
      if (was === 'Succeeded' || was === 'Failed') expect(p.status?.phase, `${p.metadata.name} left ${was} at ${view.at}`).toBe(was);
      phases.set(uid, p.status?.phase ?? '');
      const bound = p.spec.nodeName;
      if (nodes.has(uid)) expect(bound, `${p.metadata.name} moved at ${view.at}`).toBe(nodes.get(uid));
      if (bound) nodes.set(uid, bound);
      if (bound && !terminal(p)) {
        const u = used.get(bound) ?? { cpu: 0, memory: 0 };
        const q = requests(p);
        used.set(bound, { cpu: u.cpu + q.cpu, memory: u.memory + q.memory });
      }
    }
    for (const [name, u] of used) {
      const cap = allocatable.get(name)!;
      expect(u.cpu, `cpu on ${name} at ${view.at}`).toBeLessThanOrEqual(cap.cpu);
      expect(u.memory, `memory on ${name} at ${view.at}`).toBeLessThanOrEqual(cap.memory);
    }
  }
}

describe('simulation properties', () => {
  it('random pods, a Deployment and random actions: deterministic, and the invariants hold', () => {
    fc.assert(
      fc.property(cluster, (sc) => {
        const a = JSON.stringify(runScenario(sc));
        const b = JSON.stringify(runScenario(sc));
        expect(a).toBe(b);
        const allocatable = new Map(sc.nodes!.map((n) => [n.metadata.name!, { cpu: milliValue(n.status!.allocatable!.cpu), memory: value(n.status!.allocatable!.memory) }]));
        checkInvariants(JSON.parse(a) as ScenarioResult, allocatable);
      }),
      { numRuns: 80 },
    );
    // Whole simulations, twice each: seconds of CPU on a busy two-core machine.
  }, 120_000);

  it('random JSON documents are accepted or rejected, never thrown', () => {
    const doc = fc.oneof(
      fc.anything({ maxDepth: 3 }),
      fc.record({ apiVersion: fc.constantFrom('v1', 'apps/v1', 'x/v9'), kind: fc.constantFrom('Pod', 'Deployment', 'Service', 'ConfigMap', 'Nope'), metadata: fc.anything({ maxDepth: 2 }), spec: fc.anything({ maxDepth: 3 }) }),
    );
    fc.assert(
      fc.property(fc.array(doc, { minLength: 1, maxLength: 3 }), (docs) => {
        const r = runScenario(normalizeScenario({ apply: docs, until: 20 }));
        expect(r.accepted.length + r.rejected.length).toBeLessThanOrEqual(docs.length);
      }),
      { numRuns: 150 },
    );
  });

  it('random scenario text ends in a scenario or a ScenarioError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.json({ maxDepth: 3 })), (text) => {
        try {
          runScenario(parseScenarioText(text));
        } catch (e) {
          expect(e).toBeInstanceOf(ScenarioError);
        }
      }),
      { numRuns: 200 },
    );
  });
});
