import type { Json } from './testkit';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types';
import { applyDefaults, base64, defaultPullPolicy, imageTag } from './defaults';
import { decodeStrict } from './decode';
import { podManifest, workloadManifest } from './testkit';


function defaulted(kind: string, manifest: Json): Json {
  const r = decodeStrict(kind, manifest);
  if (!r.ok) throw new Error(r.error);
  applyDefaults(r.value as KubeObject);
  return r.value;
}

describe('SetDefaults_Container: imagePullPolicy', () => {
  it.each([
    ['nginx', 'latest', 'Always'],
    ['nginx:latest', 'latest', 'Always'],
    ['nginx:1.25', '1.25', 'IfNotPresent'],
    ['library/nginx', 'latest', 'Always'],
    ['registry.example.com:5000/team/app', 'latest', 'Always'],
    ['registry.example.com:5000/team/app:v2', 'v2', 'IfNotPresent'],
    ['busybox@sha256:' + 'a'.repeat(64), '', 'IfNotPresent'],
    ['busybox:1.36@sha256:' + 'b'.repeat(64), '1.36', 'IfNotPresent'],
    ['Nginx', '', 'IfNotPresent'],
    ['', '', 'IfNotPresent'],
  ])('%s has tag %j and pulls %s', (image, tag, policy) => {
    expect(imageTag(image)).toBe(tag);
    expect(defaultPullPolicy(image)).toBe(policy);
  });

  it('keeps an explicit policy', () => {
    const pod = defaulted('Pod', podManifest('p', (p) => Object.assign(p.spec.containers[0], { image: 'nginx', imagePullPolicy: 'Never' })));
    expect(pod.spec.containers[0].imagePullPolicy).toBe('Never');
  });
});

describe('SetDefaults_Pod and SetDefaults_PodSpec', () => {
  const pod = defaulted(
    'Pod',
    podManifest('p', (p) => {
      Object.assign(p.spec.containers[0], {
        ports: [{ containerPort: 80 }],
        resources: { limits: { cpu: '1', memory: '256Mi' }, requests: { cpu: '250m' } },
        livenessProbe: { httpGet: { port: 80 } },
        readinessProbe: { exec: { command: ['true'] }, periodSeconds: 5 },
        startupProbe: { grpc: { port: 9090 } },
        lifecycle: { preStop: { httpGet: { port: 80, path: '/quit' } } },
        env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
      });
      p.spec.volumes = [
        { name: 'scratch' },
        { name: 'cfg', configMap: { name: 'app' } },
        { name: 'creds', secret: { secretName: 'db' } },
        { name: 'logs', hostPath: { path: '/var/log' } },
        { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
      ];
    }),
  );
  const c = pod.spec.containers[0];

  it.each<[string, unknown, unknown]>([
    ['restartPolicy', pod.spec.restartPolicy, 'Always'],
    ['dnsPolicy', pod.spec.dnsPolicy, 'ClusterFirst'],
    ['schedulerName', pod.spec.schedulerName, 'default-scheduler'],
    ['terminationGracePeriodSeconds', pod.spec.terminationGracePeriodSeconds, 30],
    ['securityContext', pod.spec.securityContext, {}],
    ['enableServiceLinks', pod.spec.enableServiceLinks, true],
    ['terminationMessagePath', c.terminationMessagePath, '/dev/termination-log'],
    ['terminationMessagePolicy', c.terminationMessagePolicy, 'File'],
    ['port protocol', c.ports[0].protocol, 'TCP'],
    ['requests default from limits, resource by resource', c.resources.requests, { cpu: '250m', memory: '256Mi' }],
    ['probe timings', [c.livenessProbe.timeoutSeconds, c.livenessProbe.periodSeconds, c.livenessProbe.successThreshold, c.livenessProbe.failureThreshold], [1, 10, 1, 3]],
    ['an explicit period stays', c.readinessProbe.periodSeconds, 5],
    ['a grpc probe without service gets "" (GRPCAction.Service +default="")', c.startupProbe.grpc, { port: 9090, service: '' }],
    ['httpGet path and scheme', [c.livenessProbe.httpGet.path, c.livenessProbe.httpGet.scheme], ['/', 'HTTP']],
    ['lifecycle httpGet keeps its path, gets a scheme', c.lifecycle.preStop.httpGet, { port: 80, path: '/quit', scheme: 'HTTP' }],
    ['fieldRef apiVersion', c.env[0].valueFrom.fieldRef.apiVersion, 'v1'],
    ['a volume without source is an emptyDir', pod.spec.volumes[0], { name: 'scratch', emptyDir: {} }],
    ['configMap defaultMode 0644', pod.spec.volumes[1].configMap.defaultMode, 420],
    ['secret defaultMode 0644', pod.spec.volumes[2].secret.defaultMode, 420],
    ['hostPath type ""', pod.spec.volumes[3].hostPath.type, ''],
    ['downwardAPI defaults', pod.spec.volumes[4].downwardAPI, { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels', apiVersion: 'v1' } }], defaultMode: 420 }],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it('gives every container a resources object, as Go writes the value struct', () => {
    expect(defaulted('Pod', podManifest('p')).spec.containers[0].resources).toEqual({});
  });

  it('uses containerPort as hostPort on the host network', () => {
    const p = defaulted('Pod', podManifest('p', (m) => ((m.spec.hostNetwork = true), (m.spec.containers[0].ports = [{ containerPort: 8080 }]))));
    expect(p.spec.containers[0].ports[0].hostPort).toBe(8080);
  });

  it('does not default requests on a pod template', () => {
    const d = defaulted('Deployment', workloadManifest('Deployment', 'web', (w) => (w.spec.template.spec.containers[0].resources = { limits: { cpu: '1' } })));
    expect(d.spec.template.spec.containers[0].resources).toEqual({ limits: { cpu: '1' } });
    expect(d.spec.template.spec.enableServiceLinks).toBeUndefined();
  });
});

describe('apps/v1 defaults', () => {
  it('Deployment: replicas, RollingUpdate 25%/25%, history 10, deadline 600', () => {
    const d = defaulted('Deployment', workloadManifest('Deployment', 'web', (w) => delete w.spec.replicas));
    expect(d.spec).toMatchObject({
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
    expect(d.spec.template.spec).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30 });
  });

  it('Deployment: Recreate gets no rollingUpdate', () => {
    const d = defaulted('Deployment', workloadManifest('Deployment', 'web', (w) => (w.spec.strategy = { type: 'Recreate' })));
    expect(d.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('Deployment: replicas 0 is kept', () => {
    expect(defaulted('Deployment', workloadManifest('Deployment', 'web', (w) => (w.spec.replicas = 0))).spec.replicas).toBe(0);
  });

  it('ReplicaSet: replicas 1', () => {
    expect(defaulted('ReplicaSet', workloadManifest('ReplicaSet', 'web', (w) => delete w.spec.replicas)).spec.replicas).toBe(1);
  });
});

describe('other kinds', () => {
  it('Service: ClusterIP, TCP, targetPort from port, session affinity None, internal traffic Cluster', () => {
    const s = defaulted('Service', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    expect(s.spec).toEqual({
      selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
    });
  });

  it('Service: NodePort gets externalTrafficPolicy Cluster; ClientIP affinity a 3h timeout', () => {
    const s = defaulted('Service', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { type: 'NodePort', sessionAffinity: 'ClientIP', ports: [{ port: 80, targetPort: 'http' }] },
    });
    expect(s.spec.externalTrafficPolicy).toBe('Cluster');
    expect(s.spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
    expect(s.spec.ports[0].targetPort).toBe('http');
  });

  it('Secret: Opaque, and stringData folded into data', () => {
    const s = defaulted('Secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { a: 'eA==' }, stringData: { b: 'héllo' } });
    expect(s).toMatchObject({ type: 'Opaque', data: { a: 'eA==', b: base64('héllo') } });
    expect(s.stringData).toBeUndefined();
    expect(base64('héllo')).toBe('aMOpbGxv');
  });

  it('Namespace: the kubernetes.io/metadata.name label', () => {
    expect(defaulted('Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } }).metadata.labels).toEqual({
      'kubernetes.io/metadata.name': 'dev',
    });
  });

  it('Node: allocatable from capacity', () => {
    const n = defaulted('Node', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { capacity: { cpu: '4', memory: '8Gi' } } });
    expect(n.status.allocatable).toEqual({ cpu: '4', memory: '8Gi' });
  });
});
