/**
 * The lesson benchmark: one pod with an init container and probes, simulated for 10 virtual minutes,
 * run many times; prints the median wall time of one runScenario call.
 *   npx tsx lib/engine/core/bench.ts
 */
import { runScenario } from './run';
import { normalizeScenario } from './scenario';

const lesson = normalizeScenario({
  apply: [
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        initContainers: [{ name: 'setup', image: 'busybox:1.36', command: ['sh', '-c', 'echo ready > /work/ready; sleep 2'], volumeMounts: [{ name: 'work', mountPath: '/work' }] }],
        containers: [
          {
            name: 'app',
            image: 'nginx:1.25',
            ports: [{ containerPort: 80 }],
            volumeMounts: [{ name: 'work', mountPath: '/work' }],
            readinessProbe: { httpGet: { path: '/', port: 80 } },
            livenessProbe: { exec: { command: ['cat', '/work/ready'] }, initialDelaySeconds: 5, periodSeconds: 10 },
          },
        ],
        volumes: [{ name: 'work', emptyDir: {} }],
      },
    },
  ],
  observe: [30],
  until: 600,
});

function clock(): number {
  // The benchmark, unlike the engine, measures wall time.
  return Number(process.hrtime.bigint()) / 1e6;
}

for (let i = 0; i < 50; i++) runScenario(lesson);
const samples: number[] = [];
for (let i = 0; i < 400; i++) {
  const t0 = clock();
  runScenario(lesson);
  samples.push(clock() - t0);
}
samples.sort((a, b) => a - b);
const median = samples[Math.floor(samples.length / 2)];
process.stdout.write(`lesson_scenario_median: ${median.toFixed(3)} ms\n`);
