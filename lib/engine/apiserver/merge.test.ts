import type { Json } from './testkit';
import { describe, expect, it } from 'vitest';
import { threeWayMerge } from './merge';

const pod = (spec: Json, metadata: Json = { name: 'web' }) => ({ apiVersion: 'v1', kind: 'Pod', metadata, spec });

describe('threeWayMerge (kubectl apply on an existing object)', () => {
  it.each<[string, Json | undefined, Json, Json, Json]>([
    [
      'a changed scalar takes the manifest value',
      pod({ containers: [{ name: 'a', image: 'x:1' }] }),
      pod({ containers: [{ name: 'a', image: 'x:2' }] }),
      pod({ containers: [{ name: 'a', image: 'x:1', imagePullPolicy: 'IfNotPresent' }], nodeName: 'n1' }),
      pod({ containers: [{ name: 'a', image: 'x:2', imagePullPolicy: 'IfNotPresent' }], nodeName: 'n1' }),
    ],
    [
      'a field dropped since the last apply is removed; server-set fields stay',
      pod({ containers: [{ name: 'a', image: 'x' }], hostname: 'h' }),
      pod({ containers: [{ name: 'a', image: 'x' }] }),
      pod({ containers: [{ name: 'a', image: 'x' }], hostname: 'h', schedulerName: 'default-scheduler' }),
      pod({ containers: [{ name: 'a', image: 'x' }], schedulerName: 'default-scheduler' }),
    ],
    [
      'containers merge by name, volumeMounts by mountPath, server-added mounts stay',
      pod({ containers: [{ name: 'a', image: 'x', volumeMounts: [{ name: 'v', mountPath: '/v' }] }] }),
      pod({ containers: [{ name: 'a', image: 'x', volumeMounts: [{ name: 'v', mountPath: '/v', readOnly: true }] }] }),
      pod({
        containers: [{ name: 'a', image: 'x', volumeMounts: [{ name: 'v', mountPath: '/v' }, { name: 'tok', mountPath: '/var/run/secrets' }] }],
      }),
      pod({
        containers: [{ name: 'a', image: 'x', volumeMounts: [{ name: 'v', mountPath: '/v', readOnly: true }, { name: 'tok', mountPath: '/var/run/secrets' }] }],
      }),
    ],
    [
      'a list item dropped since the last apply goes',
      pod({ containers: [{ name: 'a', image: 'x', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }] }),
      pod({ containers: [{ name: 'a', image: 'x', env: [{ name: 'B', value: '2' }] }] }),
      pod({ containers: [{ name: 'a', image: 'x', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }] }),
      pod({ containers: [{ name: 'a', image: 'x', env: [{ name: 'B', value: '2' }] }] }),
    ],
    [
      'a list without merge key is replaced whole when it differs from the stored one',
      pod({ containers: [{ name: 'a', image: 'x' }] }),
      pod({ containers: [{ name: 'a', image: 'x' }], tolerations: [{ key: 'k', operator: 'Exists' }] }),
      pod({ containers: [{ name: 'a', image: 'x' }], tolerations: [{ key: 'default', operator: 'Exists' }] }),
      pod({ containers: [{ name: 'a', image: 'x' }], tolerations: [{ key: 'k', operator: 'Exists' }] }),
    ],
    [
      'a list the manifest never mentions is left alone',
      pod({ containers: [{ name: 'a', image: 'x' }] }),
      pod({ containers: [{ name: 'a', image: 'x' }] }),
      pod({ containers: [{ name: 'a', image: 'x' }], tolerations: [{ key: 'default', operator: 'Exists' }] }),
      pod({ containers: [{ name: 'a', image: 'x' }], tolerations: [{ key: 'default', operator: 'Exists' }] }),
    ],
    [
      'map keys merge one by one',
      pod({ containers: [] }, { name: 'web', labels: { a: '1', b: '2' } }),
      pod({ containers: [] }, { name: 'web', labels: { a: '1', c: '3' } }),
      pod({ containers: [] }, { name: 'web', labels: { a: '1', b: '2', server: 'x' }, uid: 'u1' }),
      pod({ containers: [] }, { name: 'web', labels: { a: '1', c: '3', server: 'x' }, uid: 'u1' }),
    ],
    [
      'without a last-applied configuration nothing is deleted',
      undefined,
      pod({ containers: [{ name: 'a', image: 'x' }] }),
      pod({ containers: [{ name: 'a', image: 'x' }], hostname: 'h' }),
      pod({ containers: [{ name: 'a', image: 'x' }], hostname: 'h' }),
    ],
  ])('%s', (_name, original, modified, current, expected) => {
    expect(threeWayMerge('Pod', original, modified, current)).toEqual(expected);
  });

  it('merges Service ports by port', () => {
    const svc = (ports: Json[]) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports } });
    const merged = threeWayMerge('Service', svc([{ port: 80 }]), svc([{ port: 80, name: 'http' }]), svc([{ port: 80, nodePort: 30080, protocol: 'TCP' }]));
    expect(merged).toEqual(svc([{ port: 80, nodePort: 30080, protocol: 'TCP', name: 'http' }]));
  });
});
