import { describe, expect, it } from 'vitest';
import { Cluster } from '../core/cluster';
import { ROOT_CA, ROOT_CA_CONFIGMAP, rootCACertPublisher } from './rootcacertpublisher';

const ns = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
type ConfigMap = { data?: Record<string, string>; metadata?: { annotations?: Record<string, string> } };

describe('root CA cert publisher', () => {
  it.each<[string, (c: Cluster) => void, string, boolean]>([
    ['a namespace created by apply gets kube-root-ca.crt', (c) => c.apply([ns('dev')]), 'dev', true],
    ['the built-in namespaces have it from the start', () => undefined, 'kube-system', true],
    [
      'a deleted kube-root-ca.crt is published again',
      (c) => {
        c.apply([ns('dev')]);
        c.advance(1);
        c.deleteObject('ConfigMap', 'dev', ROOT_CA_CONFIGMAP, {});
      },
      'dev',
      true,
    ],
    [
      'an edited kube-root-ca.crt gets its bundle and description back',
      (c) => {
        c.apply([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: ROOT_CA_CONFIGMAP, namespace: 'default' }, data: { 'ca.crt': 'mine', extra: 'x' } }]);
      },
      'default',
      true,
    ],
    ['a namespace that was never created gets none', () => undefined, 'nowhere', false],
  ])('%s', (_name, act, namespace, present) => {
    const c = new Cluster({ controllers: [rootCACertPublisher()] });
    act(c);
    c.advance(1);
    const cm = c.store.get('ConfigMap', namespace, ROOT_CA_CONFIGMAP) as ConfigMap | undefined;
    expect(!!cm).toBe(present);
    if (cm) {
      expect(cm.data).toEqual({ 'ca.crt': ROOT_CA });
      expect(cm.metadata?.annotations?.['kubernetes.io/description']).toMatch(/^Contains a CA bundle/);
    }
  });
});
