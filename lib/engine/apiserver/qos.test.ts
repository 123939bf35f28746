import { describe, expect, it } from 'vitest';
import type { Container, PodSpec } from '../api/types';
import { podQOSClass } from './qos';

const ctr = (resources: Container['resources'], name = 'c'): Container => ({ name, image: 'x', resources });

describe('ComputePodQOS', () => {
  it.each<[string, Container[], Container[] | undefined, string]>([
    ['no cpu or memory anywhere', [ctr({})], undefined, 'BestEffort'],
    ['only an extended resource', [ctr({ limits: { 'example.com/gpu': '1' }, requests: { 'example.com/gpu': '1' } })], undefined, 'BestEffort'],
    ['zero requests count as none', [ctr({ requests: { cpu: '0' } })], undefined, 'BestEffort'],
    ['requests only', [ctr({ requests: { cpu: '100m' } })], undefined, 'Burstable'],
    ['limits equal requests for cpu and memory', [ctr({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } })], undefined, 'Guaranteed'],
    ['requests below limits', [ctr({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } })], undefined, 'Burstable'],
    ['a cpu limit alone', [ctr({ limits: { cpu: '1' }, requests: { cpu: '1' } })], undefined, 'Burstable'],
    [
      'every container must be guaranteed',
      [ctr({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } }), ctr({}, 'd')],
      undefined,
      'Burstable',
    ],
    [
      'init containers count',
      [ctr({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } })],
      [ctr({ requests: { cpu: '100m' } }, 'i')],
      'Burstable',
    ],
  ])('%s → %s', (_name, containers, initContainers, qos) => {
    expect(podQOSClass({ containers, initContainers } as PodSpec)).toBe(qos);
  });
});
