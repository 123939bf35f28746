/**
 * Scheduler throughput: 10,000 pods onto 5,000 nodes with a mix of nodeSelector, taints and
 * tolerations, and required pod anti-affinity, through the incremental Scheduler (schedule, then
 * assume). A development script, not part of the engine: it alone reads the process clock.
 *
 *   npx tsx lib/engine/scheduler/bench.ts [pods] [nodes]
 */
import type { Node, Pod } from '../api/types';
import { Scheduler } from './scheduler';

const NUM_PODS = Number(process.argv[2] ?? 10_000);
const NUM_NODES = Number(process.argv[3] ?? 5_000);
const ZONES = 10;
const GROUP = 20;

function node(i: number): Node {
  const name = `node-${String(i).padStart(5, '0')}`;
  const labels: Record<string, string> = {
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'topology.kubernetes.io/zone': `zone-${i % ZONES}`,
  };
  if (i % 2 === 0) labels.disktype = 'ssd';
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels },
    spec: i % 10 === 3 ? { taints: [{ key: 'dedicated', value: 'infra', effect: 'NoSchedule' }] } : {},
    status: {
      allocatable: { cpu: '8', memory: '32Gi', pods: '110' },
      images: i % 4 === 0 ? [{ names: ['nginx:1.25'], sizeBytes: 70_000_000 }] : [],
    },
  };
}

function pod(i: number): Pod {
  const group = Math.floor(i / GROUP);
  const app = `app-${group}`;
  const p: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `${app}-${i % GROUP}`, namespace: 'default', labels: { app } },
    spec: {
      containers: [
        {
          name: 'main',
          image: i % 2 === 0 ? 'nginx:1.25' : 'busybox:1.36',
          resources: { requests: { cpu: `${100 + (i % 5) * 100}m`, memory: `${128 + (i % 4) * 128}Mi` } },
        },
      ],
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
    },
  };
  if (group % 3 === 0) p.spec.nodeSelector = { disktype: 'ssd' };
  if (group % 10 === 1) p.spec.tolerations!.push({ key: 'dedicated', operator: 'Equal', value: 'infra', effect: 'NoSchedule' });
  if (group % 3 === 1) {
    p.spec.affinity = {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          { labelSelector: { matchLabels: { app } }, topologyKey: 'kubernetes.io/hostname' },
        ],
      },
    };
  }
  return p;
}

function main(): void {
  const scheduler = new Scheduler();
  for (let i = 0; i < NUM_NODES; i++) scheduler.addNode(node(i));
  const pods = Array.from({ length: NUM_PODS }, (_, i) => pod(i));

  let scheduled = 0;
  const start = process.hrtime.bigint();
  for (const p of pods) {
    const r = scheduler.schedule(p);
    if (r.nodeName) {
      scheduler.assume(p, r.nodeName);
      scheduled++;
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  // maxRSS is the peak resident set size of the process, in KiB.
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(`sched_pods_scheduled: ${scheduled}/${NUM_PODS} on ${NUM_NODES} nodes in ${seconds.toFixed(2)} s`);
  console.log(`sched_pods_per_second: ${Math.round(NUM_PODS / seconds)} pods/s`);
  console.log(`sched_peak_rss: ${Math.round(rss)} MiB`);
}

main();
