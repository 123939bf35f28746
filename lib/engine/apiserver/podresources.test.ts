import { describe, expect, it } from 'vitest';
import type { PodSpec } from '../api/types';
import { aggregateContainerRequests, amountText, defaultPodRequests } from './podresources';

const ctr = (name: string, requests: Record<string, string>, restartPolicy?: string) => ({ name, image: 'busybox', resources: { requests }, ...(restartPolicy ? { restartPolicy } : {}) });

describe('aggregateContainerRequests', () => {
  it.each<[string, Partial<PodSpec>, Record<string, string>]>([
    ['app containers add up', { containers: [ctr('a', { cpu: '300m' }), ctr('b', { cpu: '200m' })] as PodSpec['containers'] }, { cpu: '500m' }],
    [
      'a larger init container wins',
      { containers: [ctr('a', { cpu: '100m' })] as PodSpec['containers'], initContainers: [ctr('i', { cpu: '1' })] as PodSpec['containers'] },
      { cpu: '1' },
    ],
    [
      'sidecars add to the app containers and to the init containers after them',
      {
        containers: [ctr('a', { cpu: '100m' })] as PodSpec['containers'],
        initContainers: [ctr('s', { cpu: '200m' }, 'Always'), ctr('i', { cpu: '250m' })] as PodSpec['containers'],
      },
      { cpu: '450m' },
    ],
  ])('%s', (_name, spec, want) => {
    const got = Object.fromEntries([...aggregateContainerRequests(spec as PodSpec)].map(([k, v]) => [k, amountText(v)]));
    expect(got).toEqual(want);
  });
});

describe('defaultPodRequests', () => {
  it('fills requests from the containers, then from the pod limits', () => {
    const spec = { containers: [ctr('a', { cpu: '300m' })], resources: { limits: { cpu: '1', memory: '1Gi' } } } as unknown as PodSpec;
    defaultPodRequests(spec);
    expect((spec as unknown as { resources: { requests: Record<string, string> } }).resources.requests).toEqual({ cpu: '300m', memory: '1Gi' });
  });

  it('leaves a pod without pod-level limits alone', () => {
    const spec = { containers: [ctr('a', { cpu: '300m' })], resources: { requests: { cpu: '1' } } } as unknown as PodSpec;
    defaultPodRequests(spec);
    expect((spec as unknown as { resources: unknown }).resources).toEqual({ requests: { cpu: '1' } });
  });
});
