import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod, PodCondition, PodStatus } from '../api/types';
import { podRow, podStatusColumn, podTable } from './get';
import { formatRFC3339 } from './time';

const NOW = 1_000_000;
const ago = (s: number) => formatRFC3339(NOW - s);
const running = { running: { startedAt: ago(100) } };
const ended = (finishedSecondsAgo: number) => ({ terminated: { exitCode: 0, finishedAt: ago(finishedSecondsAgo) } });

function cs(partial: Partial<ContainerStatus>): ContainerStatus {
  return { name: '', ready: false, restartCount: 0, image: '', imageID: '', ...partial };
}

interface PodShape {
  name?: string;
  containers?: number;
  init?: { name: string; sidecar?: boolean }[] | number;
  status: PodStatus;
  deleting?: boolean;
  nodeName?: string;
  readinessGates?: string[];
}

function mkPod(shape: PodShape): Pod {
  const init =
    typeof shape.init === 'number'
      ? Array.from({ length: shape.init }, () => ({ name: '' }))
      : (shape.init ?? []).map((c) => ({ name: c.name, ...(c.sidecar ? { restartPolicy: 'Always' as const } : {}) }));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: shape.name ?? 'test',
      ...(shape.deleting ? { deletionTimestamp: ago(10) } : {}),
    },
    spec: {
      containers: Array.from({ length: shape.containers ?? 1 }, () => ({ name: '' })),
      ...(init.length ? { initContainers: init } : {}),
      ...(shape.nodeName ? { nodeName: shape.nodeName } : {}),
      ...(shape.readinessGates ? { readinessGates: shape.readinessGates.map((conditionType) => ({ conditionType })) } : {}),
    },
    status: shape.status,
  };
}

const readyTrue: PodCondition = { type: 'Ready', status: 'True' };

describe('printPod: READY, STATUS, RESTARTS (printers_test.go TestPrintPod)', () => {
  it.each<[string, PodShape, [string, string, string]]>([
    [
      'name, container count, restarts, ready containers',
      {
        containers: 2,
        status: { phase: 'podPhase' as never, containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ restartCount: 3 })] },
      },
      ['1/2', 'podPhase', '6'],
    ],
    [
      'a waiting reason overrides the phase',
      {
        containers: 2,
        status: {
          phase: 'podPhase' as never,
          containerStatuses: [
            cs({ ready: true, restartCount: 3, state: running }),
            cs({ restartCount: 3, state: { waiting: { reason: 'ContainerWaitingReason' } } }),
          ],
        },
      },
      ['1/2', 'ContainerWaitingReason', '6'],
    ],
    [
      'the first container with a reason wins over later ones',
      {
        containers: 2,
        status: {
          phase: 'podPhase' as never,
          containerStatuses: [
            cs({ restartCount: 3, state: { waiting: { reason: 'ContainerWaitingReason' } } }),
            cs({ restartCount: 3, state: { terminated: { exitCode: 0, reason: 'ContainerTerminatedReason' } } }),
          ],
        },
      },
      ['0/2', 'ContainerWaitingReason', '6'],
    ],
    [
      'ready without a running state does not count as ready',
      {
        containers: 2,
        status: { phase: 'podPhase' as never, containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ ready: true, restartCount: 3 })] },
      },
      ['1/2', 'podPhase', '6'],
    ],
    [
      'status.reason replaces the phase',
      {
        containers: 2,
        status: {
          reason: 'podReason',
          phase: 'podPhase' as never,
          containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ ready: true, restartCount: 3 })],
        },
      },
      ['1/2', 'podReason', '6'],
    ],
    [
      'one container completed, one running, no Ready condition: NotReady',
      {
        containers: 2,
        status: {
          phase: 'Running',
          containerStatuses: [
            cs({ ready: true, restartCount: 3, state: { terminated: { exitCode: 0, reason: 'Completed' } } }),
            cs({ ready: true, restartCount: 3, state: running }),
          ],
        },
      },
      ['1/2', 'NotReady', '6'],
    ],
    [
      'one container completed, one running, Ready condition True: Running',
      {
        containers: 2,
        status: {
          phase: 'Running',
          conditions: [readyTrue],
          containerStatuses: [
            cs({ ready: true, restartCount: 3, state: { terminated: { exitCode: 0, reason: 'Completed' } } }),
            cs({ ready: true, restartCount: 3, state: running }),
          ],
        },
      },
      ['1/2', 'Running', '6'],
    ],
    [
      'an init container restarting: Init:0/1 with the time of its last restart',
      {
        init: 1,
        status: {
          phase: 'podPhase' as never,
          initContainerStatuses: [cs({ restartCount: 3, state: running, lastState: ended(10) })],
          containerStatuses: [cs({ state: { waiting: {} } })],
        },
      },
      ['0/1', 'Init:0/1', '3 (10s ago)'],
    ],
    [
      'two init containers, the first restarting: Init:0/2',
      {
        init: 2,
        status: {
          phase: 'podPhase' as never,
          initContainerStatuses: [cs({ restartCount: 3, state: running, lastState: ended(10) }), cs({ state: { waiting: {} } })],
          containerStatuses: [cs({ state: { waiting: {} } })],
        },
      },
      ['0/1', 'Init:0/2', '3 (10s ago)'],
    ],
    [
      'the first init container done, the second restarting: Init:1/2',
      {
        init: 2,
        status: {
          phase: 'podPhase' as never,
          initContainerStatuses: [
            cs({ state: { terminated: { exitCode: 0 } } }),
            cs({ restartCount: 3, state: running, lastState: ended(10) }),
          ],
          containerStatuses: [cs({ state: { waiting: {} } })],
        },
      },
      ['0/1', 'Init:1/2', '3 (10s ago)'],
    ],
    [
      'restarts of init containers that finished still count while initializing',
      {
        init: 2,
        status: {
          phase: 'podPhase' as never,
          initContainerStatuses: [
            cs({ restartCount: 2, state: { terminated: { exitCode: 0 } }, lastState: ended(120) }),
            cs({ restartCount: 3, state: running, lastState: ended(10) }),
          ],
          containerStatuses: [cs({ state: { waiting: {} } })],
        },
      },
      ['0/1', 'Init:1/2', '5 (10s ago)'],
    ],
    [
      'once initialized, only app container restarts count',
      {
        init: 1,
        status: {
          phase: 'Running',
          initContainerStatuses: [cs({ restartCount: 2, state: { terminated: { exitCode: 0 } }, lastState: ended(120) })],
          containerStatuses: [cs({ restartCount: 4, state: running, lastState: ended(20) })],
        },
      },
      ['0/1', 'Running', '4 (20s ago)'],
    ],
    [
      'a restart five days ago',
      {
        status: { phase: 'Running', containerStatuses: [cs({ ready: true, restartCount: 3, state: running, lastState: ended(5 * 86400) })] },
      },
      ['1/1', 'Running', '3 (5d ago)'],
    ],
    [
      'the latest restart of any container is shown',
      {
        containers: 2,
        status: {
          phase: 'Running',
          containerStatuses: [
            cs({ ready: true, restartCount: 6, state: running, lastState: ended(5 * 86400) }),
            cs({ ready: true, restartCount: 3, state: running, lastState: ended(20 * 86400) }),
          ],
        },
      },
      ['2/2', 'Running', '9 (5d ago)'],
    ],
    [
      'PodScheduled=False with reason SchedulingGated: SchedulingGated',
      {
        containers: 2,
        status: { phase: 'podPhase' as never, conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] },
      },
      ['0/2', 'SchedulingGated', '0'],
    ],
    [
      'Succeeded with a Completed container: Completed',
      {
        status: { phase: 'Succeeded', containerStatuses: [cs({ state: { terminated: { exitCode: 0, reason: 'Completed' } } })] },
      },
      ['0/1', 'Completed', '0'],
    ],
    [
      'Failed with an Error container: Error',
      { status: { phase: 'Failed', containerStatuses: [cs({ state: { terminated: { exitCode: 1, reason: 'Error' } } })] } },
      ['0/1', 'Error', '0'],
    ],
    [
      'a terminal pod being deleted keeps its status',
      {
        deleting: true,
        status: { phase: 'Succeeded', containerStatuses: [cs({ state: { terminated: { exitCode: 0, reason: 'Completed' } } })] },
      },
      ['0/1', 'Completed', '0'],
    ],
    ['a running pod being deleted: Terminating', { deleting: true, status: { phase: 'Running', containerStatuses: [cs({ state: running })] } }, ['0/1', 'Terminating', '0']],
    ['a pending pod being deleted: Terminating', { deleting: true, status: { phase: 'Pending' } }, ['0/1', 'Terminating', '0']],
  ])('%s', (_name, shape, [ready, status, restarts]) => {
    const row = podRow(mkPod(shape), NOW);
    expect(row.slice(1, 5)).toEqual([ready, status, restarts, '<unknown>']);
  });
});

describe('printPod with sidecars (TestPrintPodWithRestartableInitContainer)', () => {
  const sidecars = [
    { name: 'restartable-init-1', sidecar: true },
    { name: 'restartable-init-2', sidecar: true },
  ];
  it.each<[string, PodShape, [string, string, string]]>([
    [
      'first sidecar running but not started: Init:0/2, sidecars counted in READY',
      {
        init: sidecars,
        status: {
          phase: 'Pending',
          initContainerStatuses: [
            cs({ name: 'restartable-init-1', restartCount: 3, state: running, started: false, lastState: ended(10) }),
            cs({ name: 'restartable-init-2', state: { waiting: {} }, started: false }),
          ],
          containerStatuses: [cs({ state: { waiting: {} } })],
          conditions: [{ type: 'Initialized', status: 'False' }],
        },
      },
      ['0/3', 'Init:0/2', '3 (10s ago)'],
    ],
    [
      'first sidecar started, second running but not started: Init:1/2',
      {
        init: sidecars,
        status: {
          phase: 'Pending',
          initContainerStatuses: [
            cs({ name: 'restartable-init-1', restartCount: 3, state: running, started: true, lastState: ended(10) }),
            cs({ name: 'restartable-init-2', state: running, started: false }),
          ],
          containerStatuses: [cs({ state: { waiting: {} } })],
          conditions: [{ type: 'Initialized', status: 'False' }],
        },
      },
      ['0/3', 'Init:1/2', '3 (10s ago)'],
    ],
    [
      'both sidecars started and the app running: sidecar restarts are added',
      {
        init: sidecars,
        status: {
          phase: 'Running',
          initContainerStatuses: [
            cs({ name: 'restartable-init-1', restartCount: 3, state: running, started: true, lastState: ended(10) }),
            cs({ name: 'restartable-init-2', state: running, started: true }),
          ],
          containerStatuses: [cs({ ready: true, restartCount: 4, state: running, lastState: ended(20) })],
          conditions: [{ type: 'Initialized', status: 'True' }],
        },
      },
      ['1/3', 'Running', '7 (10s ago)'],
    ],
    [
      'sidecars ended non-zero after the app completed: Completed',
      {
        init: sidecars,
        status: {
          phase: 'Succeeded',
          initContainerStatuses: [
            cs({ name: 'restartable-init-1', restartCount: 3, state: { terminated: { exitCode: 137, reason: 'Error' } }, started: false, lastState: ended(10) }),
            cs({ name: 'restartable-init-2', state: { terminated: { exitCode: 137, reason: 'Error' } }, started: false }),
          ],
          containerStatuses: [cs({ restartCount: 4, state: { terminated: { exitCode: 0, reason: 'Completed' } }, lastState: ended(20) })],
          conditions: [{ type: 'Initialized', status: 'True' }],
        },
      },
      ['0/3', 'Completed', '7 (10s ago)'],
    ],
    [
      'statuses for containers the spec does not have',
      {
        init: [{ name: 'init1' }, { name: 'sidecar1', sidecar: true }],
        status: {
          phase: 'Running',
          initContainerStatuses: [cs({ name: 'initinvalid' }), cs({ name: 'init1' }), cs({ name: 'sidecar1' })],
          containerStatuses: [cs({ name: 'containerinvalid' }), cs({ name: 'container1' })],
        },
      },
      ['0/2', 'Init:0/2', '0'],
    ],
  ])('%s', (_name, shape, [ready, status, restarts]) => {
    expect(podRow(mkPod(shape), NOW).slice(1, 4)).toEqual([ready, status, restarts]);
  });
});

describe('podStatusColumn: the reasons learners meet', () => {
  const one = (state: ContainerStatus['state'], phase: PodStatus['phase'] = 'Running', extra: Partial<PodStatus> = {}) =>
    mkPod({ status: { phase, containerStatuses: [cs({ state })], ...extra } });
  const initOne = (state: ContainerStatus['state']) =>
    mkPod({
      init: 2,
      status: { phase: 'Pending', initContainerStatuses: [cs({ state }), cs({ state: { waiting: { reason: 'PodInitializing' } } })] },
    });
  it.each<[string, Pod, string]>([
    ['ContainerCreating while the sandbox and image are prepared', one({ waiting: { reason: 'ContainerCreating' } }, 'Pending'), 'ContainerCreating'],
    ['ErrImagePull after a failed pull', one({ waiting: { reason: 'ErrImagePull' } }, 'Pending'), 'ErrImagePull'],
    ['ImagePullBackOff between pulls', one({ waiting: { reason: 'ImagePullBackOff' } }, 'Pending'), 'ImagePullBackOff'],
    ['CrashLoopBackOff between restarts', one({ waiting: { reason: 'CrashLoopBackOff' } }), 'CrashLoopBackOff'],
    ['CreateContainerConfigError for a missing ConfigMap key', one({ waiting: { reason: 'CreateContainerConfigError' } }, 'Pending'), 'CreateContainerConfigError'],
    ['PodInitializing on an app container waiting for init', one({ waiting: { reason: 'PodInitializing' } }, 'Pending'), 'PodInitializing'],
    ['OOMKilled', one({ terminated: { exitCode: 137, reason: 'OOMKilled' } }), 'OOMKilled'],
    ['a terminated container without a reason: ExitCode:N', one({ terminated: { exitCode: 2 } }, 'Failed'), 'ExitCode:2'],
    ['a terminated container without a reason, killed by a signal: Signal:N', one({ terminated: { exitCode: 137, signal: 9 } }, 'Failed'), 'Signal:9'],
    ['a waiting container with no reason keeps the phase', one({ waiting: {} }, 'Pending'), 'Pending'],
    ['Init:Error for a failed init container', initOne({ terminated: { exitCode: 1, reason: 'Error' } }), 'Init:Error'],
    ['Init:CrashLoopBackOff', initOne({ waiting: { reason: 'CrashLoopBackOff' } }), 'Init:CrashLoopBackOff'],
    ['Init:ExitCode:N without a reason', initOne({ terminated: { exitCode: 3 } }), 'Init:ExitCode:3'],
    ['Init:Signal:N without a reason', initOne({ terminated: { exitCode: 143, signal: 15 } }), 'Init:Signal:15'],
    ['Init:ErrImagePull', initOne({ waiting: { reason: 'ErrImagePull' } }), 'Init:ErrImagePull'],
    ['an init container waiting with PodInitializing counts as Init:N/M', initOne({ waiting: { reason: 'PodInitializing' } }), 'Init:0/2'],
    ['Evicted from status.reason', one({ terminated: { exitCode: 137, reason: 'ContainerStatusUnknown' } }, 'Failed', { reason: 'Evicted' }), 'ContainerStatusUnknown'],
    ['Evicted when no container has a reason', mkPod({ status: { phase: 'Failed', reason: 'Evicted' } }), 'Evicted'],
    ['Unknown for a deleted pod on an unreachable node', mkPod({ deleting: true, status: { phase: 'Running', reason: 'NodeLost' } }), 'Unknown'],
    ['Pending with no statuses yet', mkPod({ status: { phase: 'Pending' } }), 'Pending'],
  ])('%s', (_name, pod, status) => {
    expect(podStatusColumn(pod)).toBe(status);
  });
});

describe('printPod -o wide (TestPrintPodwide)', () => {
  it.each<[string, Pod, string[]]>([
    [
      'IP, node, nominated node and 1 of 3 readiness gates',
      {
        ...mkPod({
          containers: 2,
          nodeName: 'test1',
          readinessGates: ['condition1', 'condition2', 'condition3'],
          status: {
            phase: 'podPhase' as never,
            conditions: [
              { type: 'condition1', status: 'False' },
              { type: 'condition2', status: 'True' },
            ],
            podIPs: [{ ip: '1.1.1.1' }, { ip: '2001:db8::' }],
            containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ restartCount: 3 })],
            nominatedNodeName: 'node1',
          },
        }),
      },
      ['1.1.1.1', 'test1', 'node1', '1/3'],
    ],
    ['nothing assigned yet', mkPod({ containers: 2, status: { phase: 'Pending' } }), ['<none>', '<none>', '<none>', '<none>']],
  ])('%s', (_name, pod, cells) => {
    expect(podRow(pod, NOW).slice(5)).toEqual(cells);
  });
});

describe('podTable', () => {
  const at = (name: string, namespace: string, created: number, phase: PodStatus['phase'] = 'Running'): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, creationTimestamp: formatRFC3339(created) },
    spec: { containers: [{ name: 'app' }], nodeName: 'node01' },
    status: {
      phase,
      podIP: '10.244.1.5',
      podIPs: [{ ip: '10.244.1.5' }],
      conditions: [readyTrue],
      containerStatuses: [cs({ name: 'app', ready: true, state: running })],
    },
  });

  it('lays one namespace out as kubectl get pods -o wide does (3 spaces, minimum width 6)', () => {
    const table = podTable([at('web', 'default', 150), at('a', 'default', 0, 'Pending')], 300);
    expect(table).toBe(
      [
        'NAME   READY   STATUS    RESTARTS   AGE     IP           NODE     NOMINATED NODE   READINESS GATES',
        'a      1/1     Pending   0          5m      10.244.1.5   node01   <none>           <none>',
        'web    1/1     Running   0          2m30s   10.244.1.5   node01   <none>           <none>',
        '',
      ].join('\n'),
    );
  });

  it('adds NAMESPACE first when the pods span namespaces, in the API server key order', () => {
    const table = podTable([at('x', 'default', 0), at('y', 'default-x', 0), at('z', 'dev', 0), at('b', 'default', 0)], 3000);
    const names = table
      .trim()
      .split('\n')
      .map((l) => l.split(/\s+/).slice(0, 2).join(' '));
    // "default-x/" sorts before "default/" because '-' < '/'.
    expect(names).toEqual(['NAMESPACE NAME', 'default-x y', 'default b', 'default x', 'dev z']);
    expect(table.split('\n')[1].startsWith('default-x   y      1/1     Running   0          50m ')).toBe(true);
  });

  it('prints nothing for no pods (kubectl says "No resources found" on stderr)', () => {
    expect(podTable([], 0)).toBe('');
  });

  it('cuts a cell at a line break when laying out the table', () => {
    const pod = at('web', 'default', 0);
    pod.status!.reason = 'Bad\nthing';
    pod.status!.containerStatuses = [];
    expect(podRow(pod, 10)[2]).toBe('Bad\nthing');
    expect(podTable([pod], 10)).toContain(' Bad...   ');
  });
});
