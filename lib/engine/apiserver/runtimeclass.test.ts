import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types';
import { admitRuntimeClass, validateRuntimeClassOverhead } from './runtimeclass';

const pod = (spec: object): KubeObject => ({ kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [], ...spec } });
const kata = { kind: 'RuntimeClass', metadata: { name: 'kata' }, handler: 'kata', overhead: { podFixed: { cpu: '250m' } } };
const ctx = { get: (kind: string, _ns: string | undefined, name: string) => (kind === 'RuntimeClass' && name === 'kata' ? kata : undefined) };

describe('RuntimeClass admission (plugin/pkg/admission/runtimeclass)', () => {
  it.each<[string, KubeObject, string | undefined, unknown]>([
    ['no runtimeClassName: nothing to do', pod({}), undefined, undefined],
    ['an unknown class is refused', pod({ runtimeClassName: 'gvisor' }), 'pods "web" is forbidden: pod rejected: RuntimeClass "gvisor" not found', undefined],
    ["the class's overhead is copied in", pod({ runtimeClassName: 'kata' }), undefined, { cpu: '250m' }],
    [
      'a different overhead is refused',
      pod({ runtimeClassName: 'kata', overhead: { cpu: '1' } }),
      "pods \"web\" is forbidden: pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead",
      { cpu: '1' },
    ],
  ])('Admit: %s', (_name, p, message, overhead) => {
    const r = admitRuntimeClass(p, 'default', ctx, 'web');
    if (message === undefined) expect(r).toBeUndefined();
    else expect(r?.message).toContain(message);
    expect((p.spec as { overhead?: unknown }).overhead).toEqual(overhead);
  });

  it.each<[string, KubeObject, string | undefined]>([
    ['an overhead without RuntimeClass is refused', pod({ overhead: { cpu: '100m' } }), 'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead'],
    ['the overhead the class set passes', pod({ runtimeClassName: 'kata', overhead: { cpu: '250m' } }), undefined],
    ['no overhead, no class: nothing to say', pod({}), undefined],
  ])('Validate: %s', (_name, p, message) => {
    const r = validateRuntimeClassOverhead(p, 'default', ctx, 'web');
    if (message === undefined) expect(r).toBeUndefined();
    else expect(r?.message).toContain(message);
  });
});
