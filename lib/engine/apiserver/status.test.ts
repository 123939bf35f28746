import { describe, expect, it } from 'vitest';
import { forbiddenRejection, invalidRejection, kubectlRejection, notFoundRejection, resourceName } from './status';
import { forbidden, invalid, required } from './validation/field';

describe('invalidRejection (errors.NewInvalid through kubectl checkErr)', () => {
  it('writes one cause on one line', () => {
    const r = invalidRejection('Pod', 'bad', 'default', [required('spec.containers[0].image')]);
    expect(r).toEqual({
      kind: 'Pod',
      name: 'bad',
      namespace: 'default',
      reason: 'Invalid',
      message: 'The Pod "bad" is invalid: spec.containers[0].image: Required value',
      causes: [{ field: 'spec.containers[0].image', reason: 'FieldValueRequired', message: 'Required value' }],
    });
  });

  it('lists several causes under a first line ending in ": "', () => {
    const r = invalidRejection('Deployment', 'web', 'default', [required('spec.selector'), invalid('spec.replicas', -1, 'must be greater than or equal to 0')]);
    expect(r.message).toBe('The Deployment "web" is invalid: \n* spec.selector: Required value\n* spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  });

  it('drops repeated lines from the message but keeps every cause', () => {
    const e = forbidden('spec', 'nope');
    const r = invalidRejection('Pod', 'x', 'default', [e, e]);
    expect(r.message).toBe('The Pod "x" is invalid: spec: Forbidden: nope');
    expect(r.causes).toHaveLength(2);
  });
});

describe('other statuses', () => {
  it.each([
    [forbiddenRejection('Pod', 'x', 'default', 'why'), 'Forbidden', 'Error from server (Forbidden): pods "x" is forbidden: why'],
    [forbiddenRejection('Deployment', 'd', 'default', 'why'), 'Forbidden', 'Error from server (Forbidden): deployments.apps "d" is forbidden: why'],
    [notFoundRejection('Pod', 'x', 'dev', 'namespaces', 'dev'), 'NotFound', 'Error from server (NotFound): namespaces "dev" not found'],
    [kubectlRejection('Pood', 'x', undefined, 'NotFound', 'oops'), 'NotFound', 'error: oops'],
  ])('%#: %s', (r, reason, message) => {
    expect(r.reason).toBe(reason);
    expect(r.message).toBe(message);
    expect(r.causes).toBeUndefined();
  });

  it('names resources as the API does', () => {
    expect([resourceName('Pod'), resourceName('ReplicaSet'), resourceName('ConfigMap')]).toEqual(['pods', 'replicasets.apps', 'configmaps']);
  });
});
