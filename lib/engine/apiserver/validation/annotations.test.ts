import { describe, expect, it } from 'vitest';
import type { Json } from '../testkit';
import { causesOf, fakeCluster, podManifest } from '../testkit';

const AA = 'container.apparmor.security.beta.kubernetes.io/';

function outcome(doc: Json): unknown {
  const c = causesOf(fakeCluster().apply(doc));
  return typeof c === 'string' ? c : c.map((x) => `${x.field}: ${x.message}`);
}

function stored(doc: Json): Json {
  const r = fakeCluster().apply(doc);
  if (!r.ok) throw new Error(r.rejection.message);
  return r.object as Json;
}

describe('deprecated AppArmor and seccomp annotations', () => {
  it.each<[string, Json, string[] | 'accepted']>([
    ['an annotation for a container the pod lacks', podManifest('web', (p) => (p.metadata.annotations = { [AA + 'nginx']: 'runtime/default' })), [`metadata.annotations[${AA}nginx]: Invalid value: "nginx": container not found`]],
    [
      'an unknown profile name',
      podManifest('web', (p) => (p.metadata.annotations = { [AA + 'app']: 'default' })),
      [`metadata.annotations[${AA}app]: Invalid value: "default": invalid AppArmor profile name: "default"`],
    ],
    ['a localhost profile', podManifest('web', (p) => (p.metadata.annotations = { [AA + 'app']: 'localhost/deny-write' })), 'accepted'],
    [
      'an annotation that disagrees with the field',
      podManifest('web', (p) => {
        p.metadata.annotations = { [AA + 'app']: 'localhost/a' };
        p.spec.containers[0].securityContext = { appArmorProfile: { type: 'Localhost', localhostProfile: 'b' } };
      }),
      ['spec.containers[0].securityContext.appArmorProfile.localhostProfile: Forbidden: apparmor profile in annotation and field must match'],
    ],
    [
      'a seccomp annotation that is no profile',
      podManifest('web', (p) => (p.metadata.annotations = { 'seccomp.security.alpha.kubernetes.io/pod': 'strict' })),
      ['metadata.annotations.seccomp.security.alpha.kubernetes.io/pod: Invalid value: "strict": must be a valid seccomp profile'],
    ],
  ])('%s', (_name, doc, want) => {
    expect(outcome(doc)).toEqual(want);
  });

  it('copies an annotation into the container field on create (applyAppArmorVersionSkew)', () => {
    const pod = stored(podManifest('web', (p) => (p.metadata.annotations = { [AA + 'app']: 'localhost/deny-write' })));
    expect(pod.spec.containers[0].securityContext.appArmorProfile).toEqual({ type: 'Localhost', localhostProfile: 'deny-write' });
  });

  it('writes the field back as the annotation', () => {
    const pod = stored(podManifest('web', (p) => (p.spec.containers[0].securityContext = { appArmorProfile: { type: 'Unconfined' } })));
    expect(pod.metadata.annotations[AA + 'app']).toBe('unconfined');
  });

  it('refuses AppArmor annotations added by an update', () => {
    const cluster = fakeCluster();
    cluster.apply(podManifest('web'));
    const r = cluster.apply(podManifest('web', (p) => (p.metadata.annotations = { [AA + 'app']: 'runtime/default' })));
    expect(r.ok || r.rejection.message).toBe(`The Pod "web" is invalid: metadata.annotations[${AA}app]: Forbidden: may not add AppArmor annotations`);
  });
});
