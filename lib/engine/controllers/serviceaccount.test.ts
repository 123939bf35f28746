import { describe, expect, it } from 'vitest';
import { Cluster } from '../core/cluster';
import { serviceAccountsController } from './serviceaccount';

const ns = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

describe('serviceaccounts controller', () => {
  it.each<[string, (c: Cluster) => void, string, boolean]>([
    ['a namespace created by apply gets its default ServiceAccount', (c) => c.apply([ns('dev')]), 'dev', true],
    [
      'a deleted default ServiceAccount is made again',
      (c) => {
        c.apply([ns('dev')]);
        c.advance(1);
        c.deleteObject('ServiceAccount', 'dev', 'default', {});
      },
      'dev',
      true,
    ],
    ['a namespace that was never created gets none', () => undefined, 'nowhere', false],
  ])('%s', (_name, act, namespace, present) => {
    const c = new Cluster({ controllers: [serviceAccountsController()] });
    act(c);
    c.advance(1);
    const sa = c.store.get('ServiceAccount', namespace, 'default');
    expect(!!sa).toBe(present);
    if (sa) expect(sa.metadata?.uid).toBeTruthy();
  });
});
