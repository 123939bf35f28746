import { describe, expect, it } from 'vitest';
import type { Pod, Volume } from '../api/types';
import { containerEnv } from './env';
import { setUpVolume, VolumeSpecError } from './volumes';
import { VolumeData } from './fs';
import { runScenario } from '../core/run';
import { normalizeScenario } from '../core/scenario';

const pod = (volumes: Volume[] = []): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c' }], volumes } });

describe('envFrom keys under RelaxedEnvironmentVariableValidation (GA in v1.34)', () => {
  const env = (data: Record<string, string>, prefix?: string) =>
    containerEnv(pod(), { name: 'c', envFrom: [{ configMapRef: { name: 'cfg' }, ...(prefix ? { prefix } : {}) }] }, {}, {
      configMap: () => ({ data }),
      secret: () => undefined,
      services: () => [],
      node: () => undefined,
    });
  it.each([
    ['a C identifier', { A: '1' }, undefined, 'A', '1'],
    ['a key starting with a digit', { '1st': 'one' }, undefined, '1st', 'one'],
    ['a dotted key', { 'my.key': 'two' }, undefined, 'my.key', 'two'],
    ['a dashed key with a prefix', { 'a-b': 'x' }, 'P_', 'P_a-b', 'x'],
  ] as const)('%s is taken', (_n, data, prefix, name, value) => {
    expect(env({ ...data }, prefix).get(name)).toBe(value);
  });
});

describe('PVC volumes in the desired-state populator (getPVCExtractPV)', () => {
  const claimVolume: Volume = { name: 'data', persistentVolumeClaim: { claimName: 'data' } };
  const sources = (claim: VolumeData | { error: string }) => ({
    configMap: () => undefined, secret: () => undefined, hostPath: () => new VolumeData(), claim: () => claim, rootCA: () => '', node: () => undefined,
  });
  it.each([
    ['a missing claim', { error: 'failed to fetch PVC from API server: persistentvolumeclaims "data" not found' }, 'error processing PVC default/data: failed to fetch PVC from API server: persistentvolumeclaims "data" not found'],
    ['an unbound claim', { error: 'PVC is not bound' }, 'error processing PVC default/data: PVC is not bound'],
  ])('%s fails before any mount', (_n, claim, message) => {
    expect(() => setUpVolume(pod([claimVolume]), claimVolume, sources(claim), new Map())).toThrow(VolumeSpecError);
    expect(() => setUpVolume(pod([claimVolume]), claimVolume, sources(claim), new Map())).toThrow(message);
  });
  it('a bound claim gives its data', () => {
    const d = new VolumeData();
    expect(setUpVolume(pod([claimVolume]), claimVolume, sources(d), new Map())).toBe(d);
  });

  it.each([
    ['mounted by the container: the pod waits, with the populator error every retry', true, 'ContainerCreating'],
    ['declared but mounted by no container: not waited for (getExpectedVolumes)', false, 'Running'],
  ])('%s', (_n, mounted, phase) => {
    const r = runScenario(normalizeScenario({
      apply: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: {
        nodeName: 'node01', volumes: [claimVolume],
        containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'], ...(mounted ? { volumeMounts: [{ name: 'data', mountPath: '/data' }] } : {}) }],
      } }],
      until: 30,
    }));
    expect(r.final.table).toContain(phase);
    expect(r.events.some((e) => e.reason === 'FailedMount')).toBe(mounted);
  });
});

describe('a deletion during an image pull (kubelet.go SyncPod: the runtime sync is not cancelled)', () => {
  const r = runScenario(normalizeScenario({
    apply: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } }],
    actions: [{ at: 1, delete: { kind: 'Pod', name: 'p' } }],
    observe: [2],
    until: 60,
  }));
  const reasons = r.events.filter((e) => e.involvedObject.name === 'p').map((e) => e.reason);
  it.each([
    ['the pull finishes', 'Pulled'],
    ['the container is created', 'Created'],
    ['and started', 'Started'],
    ['then killed', 'Killing'],
  ])('%s', (_n, reason) => {
    expect(reasons).toContain(reason);
  });
  it('the pod is Terminating meanwhile and gone at the end', () => {
    expect(r.snapshots[0].table).toContain('Terminating');
    expect(r.final.pods).toEqual([]);
  });
});
