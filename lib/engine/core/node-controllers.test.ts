import { describe, expect, it } from 'vitest';
import { runScenario } from './run';
import { normalizeScenario } from './scenario';

const nginx = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { nodeName: 'node02', containers: [{ name: 'web', image: 'nginx:1.25', ...extra }] },
});
const neverReady = { readinessProbe: { exec: { command: ['false'] }, periodSeconds: 5 } };

describe('node lifecycle controller: MarkPodsNotReady when a kubelet goes silent', () => {
  // controller/util/node MarkPodsNotReady: a pod is written, and gets a Warning NodeNotReady
  // event, only when its Ready condition actually changes.
  it.each([
    ['a ready pod is marked not ready and gets one event', nginx('ready'), 'ready', 1],
    ['a pod already not ready is left alone: no event', nginx('unready', neverReady), 'unready', 0],
  ])('%s', (_name, pod, podName, events) => {
    const r = runScenario(normalizeScenario({ apply: [pod], actions: [{ at: 10, nodeCondition: { node: 'node02', ready: 'Unknown' } }], until: 120 }));
    const p = r.final.pods.find((x) => x.metadata.name === podName)!;
    expect(p.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    const count = r.events.filter((e) => e.reason === 'NodeNotReady' && e.involvedObject.name === podName).reduce((n, e) => n + (e.count ?? 1), 0);
    expect(count).toBe(events);
  });
});
