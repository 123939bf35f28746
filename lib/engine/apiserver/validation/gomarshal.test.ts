import { describe, expect, it } from 'vitest';
import { errorBody, invalid, notSupported } from './field';
import { goJSON, goMap, type GoValue, marshalled } from './gomarshal';
import {
  deploymentStrategyValue,
  labelSelectorValue,
  nodeSelectorTermValue,
  ownerReferencesValue,
  securityContextValue,
  servicePortValue,
  taintValue,
} from './internal';

describe('goJSON (encoding/json Marshal)', () => {
  it.each<[string, GoValue, string]>([
    ['a slice', ['one', 'two', 'three'], '["one","two","three"]'],
    ['a map sorts its keys', goMap({ two: 2, one: 1, three: 3 }), '{"one":1,"three":3,"two":2}'],
    ['a struct keeps its field order', { StringField: 'stringval', IntField: 9376, BoolField: true }, '{"StringField":"stringval","IntField":9376,"BoolField":true}'],
    ['a nil map', goMap(undefined), 'null'],
    ['an empty map', goMap({}), '{}'],
    ['an empty slice', [], '[]'],
    ['HTML characters are escaped', '<a & b>', '"\\u003ca \\u0026 b\\u003e"'],
    ['control characters', 'a\tb\nc\x01\b\f\r', '"a\\tb\\nc\\u0001\\b\\f\\r"'],
    ['quotes and backslashes', 'say "hi" \\', '"say \\"hi\\" \\\\"'],
    ['DEL and non-ASCII stay raw', '\x7fé\u00a0😀', '"\x7fé\u00a0😀"'],
    ['line and paragraph separators', '\u2028\u2029', '"\\u2028\\u2029"'],
    ['a lone surrogate (invalid UTF-8) becomes U+FFFD', 'a\ud800b', '"a\\ufffdb"'],
    ['map keys sort by UTF-8 bytes', goMap({ '\uff5e': 1, '😀': 2, b: 3 }), '{"b":3,"\uff5e":1,"😀":2}'],
  ])('%s', (_name, v, want) => {
    expect(goJSON(v)).toBe(want);
  });
});

describe('bad values as v1.34 ErrorBody renders them (apimachinery c58e197e)', () => {
  it.each<[string, ReturnType<typeof invalid>, string]>([
    ['template labels (map[string]string)', invalid('f', marshalled(goMap({ tier: 'a', app: 'web' })), 'd'), 'Invalid value: {"app":"web","tier":"a"}: d'],
    ['nil labels', invalid('f', marshalled(goMap(undefined)), 'd'), 'Invalid value: null: d'],
    ['a taint', invalid('f', marshalled(taintValue({ key: 'k', effect: 'NoSchedule' })), 'd'), 'Invalid value: {"Key":"k","Value":"","Effect":"NoSchedule","TimeAdded":null}: d'],
    [
      'a label selector (metav1, json tags with omitempty)',
      invalid('f', marshalled(labelSelectorValue({ matchLabels: { app: 'x' } })), 'd'),
      'Invalid value: {"matchLabels":{"app":"x"}}: d',
    ],
    ['an empty label selector', invalid('f', marshalled(labelSelectorValue({ matchLabels: {} })), 'd'), 'Invalid value: {}: d'],
    [
      'a selector with expressions',
      invalid('f', marshalled(labelSelectorValue({ matchExpressions: [{ key: 'k', operator: 'Exists' }] })), 'd'),
      'Invalid value: {"matchExpressions":[{"key":"k","operator":"Exists"}]}: d',
    ],
    ['an IntOrString percent is quoted', invalid('f', marshalled('50'), 'd'), 'Invalid value: "50": d'],
    ['an IntOrString int is a number', invalid('f', marshalled(0), 'd'), 'Invalid value: 0: d'],
    [
      'a service port key',
      invalid('f', marshalled(servicePortValue({ protocol: 'TCP', port: 80 })), 'd'),
      'Invalid value: {"Name":"","Protocol":"TCP","AppProtocol":null,"Port":80,"TargetPort":0,"NodePort":0}: d',
    ],
    [
      'node selector terms',
      invalid('f', marshalled([nodeSelectorTermValue({ matchExpressions: [{ key: 'b', operator: 'Exists' }] })]), 'd'),
      'Invalid value: [{"MatchExpressions":[{"Key":"b","Operator":"Exists","Values":null}],"MatchFields":null}]: d',
    ],
    [
      'a container security context',
      invalid('f', marshalled(securityContextValue({ privileged: true, allowPrivilegeEscalation: false })), 'd'),
      'Invalid value: {"Capabilities":null,"Privileged":true,"SELinuxOptions":null,"WindowsOptions":null,"RunAsUser":null,"RunAsGroup":null,' +
        '"RunAsNonRoot":null,"ReadOnlyRootFilesystem":null,"AllowPrivilegeEscalation":false,"ProcMount":null,"SeccompProfile":null,"AppArmorProfile":null}: d',
    ],
    [
      'owner references (metav1, json tags)',
      invalid('f', marshalled(ownerReferencesValue([{ apiVersion: 'v1', kind: 'Pod', name: 'a', uid: 'u', controller: true }])), 'd'),
      'Invalid value: [{"apiVersion":"v1","kind":"Pod","name":"a","uid":"u","controller":true}]: d',
    ],
  ])('%s', (_name, err, body) => {
    expect(errorBody(err)).toBe(body);
  });

  it('reports a Deployment strategy it does not know as the whole apps.DeploymentStrategy', () => {
    const err = notSupported('spec.strategy', marshalled(deploymentStrategyValue({ type: 'BlueGreen' })), ['Recreate', 'RollingUpdate']);
    expect(errorBody(err)).toBe('Unsupported value: {"Type":"BlueGreen","RollingUpdate":null}: supported values: "Recreate", "RollingUpdate"');
  });
});
