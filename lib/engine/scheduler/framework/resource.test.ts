import { describe, expect, it } from 'vitest';
import { makePod } from '../testing';
import { podRequests } from './resource';

// Modeled on component-helpers resource helpers_test.go (sidecar KEP-753 examples).
describe('podRequests (resourcehelper.PodRequests)', () => {
  const cpu = (v: string) => ({ cpu: v });
  const cases: [string, Parameters<typeof makePod>[1], number][] = [
    ['app containers are summed', { containers: [{ requests: cpu('1') }, { requests: cpu('2') }] }, 3000],
    ['an init container above the sum wins', { containers: [{ requests: cpu('1') }], initContainers: [{ requests: cpu('5') }] }, 5000],
    ['init containers below the sum do not matter', { containers: [{ requests: cpu('3') }], initContainers: [{ requests: cpu('2') }] }, 3000],
    ['a sidecar adds to the app containers', { containers: [{ requests: cpu('1') }], initContainers: [{ restartPolicy: 'Always', requests: cpu('2') }] }, 3000],
    [
      'an init container runs beside the sidecars started before it',
      { containers: [{ requests: cpu('1') }], initContainers: [{ restartPolicy: 'Always', requests: cpu('2') }, { requests: cpu('5') }] },
      7000,
    ],
    [
      'a sidecar started after an init container does not add to it',
      { containers: [{ requests: cpu('1') }], initContainers: [{ requests: cpu('5') }, { restartPolicy: 'Always', requests: cpu('2') }] },
      5000,
    ],
    ['overhead is added last', { containers: [{ requests: cpu('1') }], overhead: { cpu: '250m' } }, 1250],
  ];
  it.each(cases)('%s', (_name, opts, milli) => {
    expect(podRequests(makePod('p', opts)).get('cpu')).toBe(milli);
  });

  it.each([
    ['a container without requests counts 100m / 200Mi', {}, 100, 200 * 1024 * 1024],
    ['an explicit zero is kept', { requests: { cpu: '0', memory: '0' } }, 0, 0],
    ['each container gets its own default', { containers: [{}, { requests: { cpu: '1' } }] }, 1100, 400 * 1024 * 1024],
  ] as [string, Parameters<typeof makePod>[1], number, number][])('non-zero requests: %s', (_name, opts, cpuMilli, mem) => {
    const r = podRequests(makePod('p', opts), true);
    expect([r.get('cpu'), r.get('memory')]).toEqual([cpuMilli, mem]);
  });
});

// helpers_test.go TestPodLevelResourceRequests and the scheduler's getNonMissingContainerRequests
// (pod_info.go calculateResource) with PodLevelResources on.
describe('podRequests with pod-level resources', () => {
  const withPodLevel = (requests: Record<string, string>, opts: Parameters<typeof makePod>[1] = {}) => {
    const pod = makePod('p', opts);
    (pod.spec as { resources?: unknown }).resources = { requests };
    return pod;
  };
  it.each([
    ['pod-level cpu replaces the containers sum', withPodLevel({ cpu: '3' }, { containers: [{ requests: { cpu: '1' } }] }), 3000, undefined],
    ['a resource not set at pod level keeps the containers sum', withPodLevel({ cpu: '3' }, { containers: [{ requests: { memory: '1Gi' } }] }), 3000, 1024 ** 3],
    ['unsupported pod-level names are ignored', withPodLevel({ 'example.com/gpu': '1' }, { containers: [{ requests: { cpu: '1' } }] }), 1000, undefined],
  ] as const)('%s', (_name, pod, cpuMilli, mem) => {
    const r = podRequests(pod);
    expect([r.get('cpu'), r.get('memory')]).toEqual([cpuMilli, mem]);
  });

  it.each([
    ['pod-level cpu and memory: no defaults at all', withPodLevel({ cpu: '1', memory: '1Gi' }, { containers: [{}, {}] }), 1000, 1024 ** 3],
    ['pod-level cpu only: memory requested nowhere gets 200Mi per container', withPodLevel({ cpu: '1' }, { containers: [{}, {}] }), 1000, 400 * 1024 * 1024],
    ['pod-level cpu, one container asks memory: the other gets no default', withPodLevel({ cpu: '1' }, { containers: [{}, { requests: { memory: '1Gi' } }] }), 1000, 1024 ** 3],
  ] as const)('non-zero requests: %s', (_name, pod, cpuMilli, mem) => {
    const r = podRequests(pod, true);
    expect([r.get('cpu'), r.get('memory')]).toEqual([cpuMilli, mem]);
  });
});
