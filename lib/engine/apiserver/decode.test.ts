import type { Json } from './testkit';
import { describe, expect, it } from 'vitest';
import { base64ErrorOffset, decodeQuantity, decodeStrict, quantityError } from './decode';
import { podManifest, workloadManifest } from './testkit';

const FORMAT = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const SUFFIX = "unable to parse quantity's suffix";

function podError(edit: (p: Json) => void): string | undefined {
  const r = decodeStrict('Pod', podManifest('web', edit));
  return r.ok ? undefined : r.error;
}

describe('strict decoding: unknown fields', () => {
  it.each<[string, (p: Json) => void, string]>([
    ['a misspelt top-level field', (p) => (p.specs = {}), 'strict decoding error: unknown field "specs"'],
    [
      'field names are case-sensitive, and the path carries list indices',
      (p) => (p.spec.containers[0].ports = [{ containerport: 8080 }]),
      'strict decoding error: unknown field "spec.containers[0].ports[0].containerport"',
    ],
    [
      'every unknown field is listed, in the sorted order kubectl sends them',
      (p) => {
        p.spec.containers[0].imagePullPolice = 'Always';
        p.metadata.label = { app: 'web' };
      },
      'strict decoding error: unknown field "metadata.label", unknown field "spec.containers[0].imagePullPolice"',
    ],
    [
      'a field of another kind is unknown here',
      (p) => (p.spec.replicas = 3),
      'strict decoding error: unknown field "spec.replicas"',
    ],
  ])('%s', (_name, edit, error) => {
    expect(podError(edit)).toBe(error);
  });
});

describe('strict decoding: JSON types', () => {
  it.each<[string, (p: Json) => void, string]>([
    [
      'a quoted port is a string',
      (p) => (p.spec.containers[0].ports = [{ containerPort: '8080' }]),
      'json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
    ],
    [
      'a number where a string belongs',
      (p) => (p.spec.containers[0].env = [{ name: 'PORT', value: 8080 }]),
      'json: cannot unmarshal number into Go struct field EnvVar.spec.containers.env.value of type string',
    ],
    [
      'label values are strings',
      (p) => (p.metadata.labels = { version: 2 }),
      'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    ],
    [
      'command is a list',
      (p) => (p.spec.containers[0].command = 'sleep 3600'),
      'json: cannot unmarshal string into Go struct field Container.spec.containers.command of type []string',
    ],
    [
      'command items are strings',
      (p) => (p.spec.containers[0].command = ['sleep', 3600]),
      'json: cannot unmarshal number into Go struct field Container.spec.containers.command of type string',
    ],
    [
      'containers is a list of objects',
      (p) => (p.spec.containers = { name: 'app', image: 'nginx' }),
      'json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container',
    ],
    [
      'a named string type is printed with its package',
      (p) => (p.spec.restartPolicy = 1),
      'json: cannot unmarshal number into Go struct field PodSpec.spec.restartPolicy of type v1.RestartPolicy',
    ],
    [
      'a ResourceList is a map',
      (p) => (p.spec.containers[0].resources = { limits: '500m' }),
      'json: cannot unmarshal string into Go struct field ResourceRequirements.spec.containers.resources.limits of type v1.ResourceList',
    ],
    ['metadata is an object', (p) => (p.metadata = 'web'), 'json: cannot unmarshal string into Go struct field Pod.metadata of type v1.ObjectMeta'],
    [
      'a fraction is no int',
      (p) => (p.spec.terminationGracePeriodSeconds = 2.5),
      'json: cannot unmarshal number 2.5 into Go struct field PodSpec.spec.terminationGracePeriodSeconds of type int64',
    ],
    [
      'an IntOrString takes no bool (its own decoder has no field context)',
      (p) => (p.spec.containers[0].livenessProbe = { httpGet: { port: true } }),
      'json: cannot unmarshal bool into Go value of type int32',
    ],
    ['a malformed quantity', (p) => (p.spec.containers[0].resources = { limits: { memory: '1 Gi' } }), FORMAT],
    ['an unknown quantity suffix', (p) => (p.spec.containers[0].resources = { limits: { memory: '1GB' } }), FORMAT],
    ['a capital K is no suffix', (p) => (p.spec.containers[0].resources = { limits: { memory: '512K' } }), SUFFIX],
    [
      'a type error wins over unknown fields',
      (p) => {
        p.spec.bogus = 1;
        p.spec.containers[0].ports = [{ containerPort: 'http' }];
      },
      'json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
    ],
  ])('%s', (_name, edit, error) => {
    expect(podError(edit)).toBe(error);
  });

  it('reports the struct and path inside a Deployment template', () => {
    const r = decodeStrict('Deployment', workloadManifest('Deployment', 'web', (d) => (d.spec.replicas = 1.5)));
    expect(r).toEqual({ ok: false, error: 'json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32' });
  });

  it('checks Secret data as base64', () => {
    const r = decodeStrict('Secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { password: 'hunter2' } });
    expect(r).toEqual({ ok: false, error: 'illegal base64 data at input byte 4' });
  });
});

describe('decoded form', () => {
  it('drops zero values of non-pointer fields and empty lists, keeps pointer zeros', () => {
    const r = decodeStrict(
      'Pod',
      podManifest('web', (p) => {
        p.spec.hostNetwork = false;
        p.spec.nodeName = '';
        p.spec.activeDeadlineSeconds = 0;
        p.spec.tolerations = [];
        p.metadata.labels = { empty: '' };
        p.spec.containers[0].stdin = false;
      }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const spec = r.value.spec as Json;
    expect(spec.hostNetwork).toBeUndefined();
    expect(spec.nodeName).toBeUndefined();
    expect(spec.tolerations).toBeUndefined();
    expect(spec.activeDeadlineSeconds).toBe(0);
    expect(spec.containers[0].stdin).toBeUndefined();
    expect((r.value.metadata as Json).labels).toEqual({ empty: '' });
  });

  it.each([
    ['0.5', '500m'],
    [0.25, '250m'],
    ['1024Mi', '1Gi'],
    ['0.0001', '1m'],
    ['2000m', '2'],
  ])('rounds resource list quantity %j up to milli and prints it canonical (%s)', (input, canonical) => {
    const r = decodeStrict('Pod', podManifest('web', (p) => (p.spec.containers[0].resources = { requests: { cpu: input } })));
    expect(r.ok && (r.value.spec as Json).containers[0].resources.requests.cpu).toBe(canonical);
  });
});

describe('quantity parse errors', () => {
  it.each([
    ['1', undefined],
    ['0', undefined],
    ['1.', undefined],
    ['.5', undefined],
    ['1E', undefined],
    ['1e3', undefined],
    ['1Ki', undefined],
    ['', FORMAT],
    ['abc', FORMAT],
    ['5 Gi', FORMAT],
    ['1gi', FORMAT],
    ['1.2.3', FORMAT],
    ['1KB', FORMAT],
    ['1Mm', SUFFIX],
    ['1e', SUFFIX],
    ['--1', SUFFIX],
  ])('%j → %s', (text, error) => {
    expect(quantityError(text)).toBe(error);
  });

  it('refuses a bool as a quantity', () => {
    expect(decodeQuantity(true, false).error).toBe(FORMAT);
  });
});

describe('base64 as Go decodes []byte', () => {
  it.each([
    ['aGVsbG8=', -1],
    ['aGVsbG8', 4],
    ['hello', 4],
    ['abc', 0],
    ['ab=c', 2],
    ['aGVs\nbG8=', -1],
    ['aGVsbG8=x', 8],
    ['', -1],
  ])('%j → offset %d', (text, offset) => {
    expect(base64ErrorOffset(text)).toBe(offset);
  });
});
