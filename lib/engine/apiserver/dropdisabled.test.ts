import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types';
import { causesOf, fakeCluster, type Json, podManifest, workloadManifest } from './testkit';

/** Applies a manifest and returns the stored object (or the refusal, for a readable failure). */
function stored(doc: Json): KubeObject | unknown {
  const r = fakeCluster().apply(doc);
  return r.ok ? r.object : causesOf(r);
}

const spec = (o: unknown) => (o as { spec: Json }).spec;
const own = (name: string) => !name.startsWith('kube-api-access-');

describe('dropDisabledFields (gates off by default in v1.34)', () => {
  it.each<[string, (p: Json) => void, (s: Json) => unknown, unknown]>([
    [
      "a regular container's restartPolicy is dropped (ContainerRestartRules)",
      (p) => (p.spec.containers[0].restartPolicy = 'Always'),
      (s) => s.containers[0].restartPolicy,
      undefined,
    ],
    [
      "an init container's restartPolicy other than Always is dropped (ContainerRestartRules)",
      (p) => (p.spec.initContainers = [{ name: 'setup', image: 'busybox:1.36', restartPolicy: 'OnFailure' }]),
      (s) => s.initContainers[0].restartPolicy,
      undefined,
    ],
    [
      "a sidecar's restartPolicy: Always stays",
      (p) => (p.spec.initContainers = [{ name: 'proxy', image: 'nginx:1.25', restartPolicy: 'Always' }]),
      (s) => s.initContainers[0].restartPolicy,
      'Always',
    ],
    [
      'an image volume and its mounts are dropped (ImageVolume)',
      (p) => {
        p.spec.volumes = [{ name: 'data', emptyDir: {} }, { name: 'img', image: { reference: 'busybox:1.36' } }];
        p.spec.containers[0].volumeMounts = [{ name: 'img', mountPath: '/img' }, { name: 'data', mountPath: '/data' }];
      },
      // (the ServiceAccount admission plugin adds its token volume and mount as well)
      (s) => [s.volumes.map((v: Json) => v.name).filter(own), s.containers[0].volumeMounts.map((m: Json) => m.name).filter(own)],
      [['data'], ['data']],
    ],
    [
      'lifecycle.stopSignal is dropped, and an emptied lifecycle with it (ContainerStopSignals)',
      (p) => (p.spec.containers[0].lifecycle = { stopSignal: 'SIGUSR1' }),
      (s) => s.containers[0].lifecycle,
      undefined,
    ],
    [
      'hostnameOverride is dropped (HostnameOverride)',
      (p) => (p.spec.hostnameOverride = 'custom'),
      (s) => s.hostnameOverride,
      undefined,
    ],
  ])('%s', (_name, edit, read, want) => {
    expect(read(spec(stored(podManifest('web', edit))))).toEqual(want);
  });

  it('a template is cleared the same way (DropDisabledTemplateFields)', () => {
    const d = stored(workloadManifest('Deployment', 'web', (o) => (o.spec.template.spec.containers[0].restartPolicy = 'Always')));
    expect(spec(d).template.spec.containers[0].restartPolicy).toBeUndefined();
  });
});
