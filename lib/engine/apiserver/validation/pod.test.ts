import type { Json } from '../testkit';
import { describe, expect, it } from 'vitest';
import { causesOf, fakeCluster, podManifest } from '../testkit';

type Cause = [field: string, reason: string, message: string];

const DNS_LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const PORT_RANGE = 'must be between 1 and 65535, inclusive';
const INIT_FORBIDDEN = 'may not be set for init containers without restartPolicy=Always';

const c0 = (p: Json) => p.spec.containers[0];

function invalidCauses(edit: (p: Json) => void): unknown {
  const r = fakeCluster().apply(podManifest('bad', edit));
  const causes = causesOf(r);
  return typeof causes === 'string' ? causes : causes.map((c) => [c.field, c.reason, c.message]);
}

describe('ValidatePodCreate: containers', () => {
  it.each<[string, (p: Json) => void, Cause[]]>([
    ['an image is required', (p) => delete c0(p).image, [['spec.containers[0].image', 'FieldValueRequired', 'Required value']]],
    [
      'container names are DNS labels',
      (p) => (c0(p).name = 'Web_App'),
      [['spec.containers[0].name', 'FieldValueInvalid', `Invalid value: "Web_App": ${DNS_LABEL}`]],
    ],
    [
      'a DNS subdomain is not a label: dots are refused on their own',
      (p) => (c0(p).name = 'web.app'),
      [['spec.containers[0].name', 'FieldValueInvalid', 'Invalid value: "web.app": must not contain dots']],
    ],
    [
      'a label has at most 63 characters',
      (p) => (c0(p).name = 'a'.repeat(64)),
      [['spec.containers[0].name', 'FieldValueInvalid', `Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`]],
    ],
    [
      'container names are unique',
      (p) => p.spec.containers.push({ name: 'app', image: 'nginx:1.25' }),
      [['spec.containers[1].name', 'FieldValueDuplicate', 'Duplicate value: "app"']],
    ],
    [
      'an init container may not reuse an app container name',
      (p) => (p.spec.initContainers = [{ name: 'app', image: 'busybox:1.36' }]),
      [['spec.initContainers[0].name', 'FieldValueDuplicate', 'Duplicate value: "app"']],
    ],
    ['a pod needs a container', (p) => (p.spec.containers = []), [['spec.containers', 'FieldValueRequired', 'Required value']]],
    [
      'containerPort 0 is missing',
      (p) => (c0(p).ports = [{ containerPort: 0 }]),
      [['spec.containers[0].ports[0].containerPort', 'FieldValueRequired', 'Required value']],
    ],
    [
      'ports are 1-65535',
      (p) => (c0(p).ports = [{ containerPort: 70000 }]),
      [['spec.containers[0].ports[0].containerPort', 'FieldValueInvalid', `Invalid value: 70000: ${PORT_RANGE}`]],
    ],
    [
      'port names are lower case with a letter (every rule broken is listed)',
      (p) => (c0(p).ports = [{ name: 'HTTP', containerPort: 80 }]),
      [
        ['spec.containers[0].ports[0].name', 'FieldValueInvalid', 'Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'],
        ['spec.containers[0].ports[0].name', 'FieldValueInvalid', 'Invalid value: "HTTP": must contain at least one letter (a-z)'],
      ],
    ],
    [
      'port names are unique within a container',
      (p) => (c0(p).ports = [{ name: 'web', containerPort: 80 }, { name: 'web', containerPort: 81 }]),
      [['spec.containers[0].ports[1].name', 'FieldValueDuplicate', 'Duplicate value: "web"']],
    ],
    [
      'protocols are case-sensitive',
      (p) => (c0(p).ports = [{ containerPort: 53, protocol: 'udp' }]),
      [['spec.containers[0].ports[0].protocol', 'FieldValueNotSupported', 'Unsupported value: "udp": supported values: "SCTP", "TCP", "UDP"']],
    ],
    [
      'two containers may not claim the same host port',
      (p) => {
        c0(p).ports = [{ containerPort: 80, hostPort: 8080 }];
        p.spec.containers.push({ name: 'b', image: 'nginx:1.25', ports: [{ containerPort: 81, hostPort: 8080 }] });
      },
      [['spec.containers[1].ports[0].hostPort', 'FieldValueDuplicate', 'Duplicate value: "TCP//8080"']],
    ],
    [
      'image must not carry surrounding spaces',
      (p) => (c0(p).image = 'nginx:1.25 '),
      [['spec.containers[0].image', 'FieldValueInvalid', 'Invalid value: "nginx:1.25 ": must not have leading or trailing whitespace']],
    ],
    [
      'pull policies are case-sensitive',
      (p) => (c0(p).imagePullPolicy = 'always'),
      [['spec.containers[0].imagePullPolicy', 'FieldValueNotSupported', 'Unsupported value: "always": supported values: "Always", "IfNotPresent", "Never"']],
    ],
    [
      'terminationMessagePolicy is File or FallbackToLogsOnError',
      (p) => (c0(p).terminationMessagePolicy = 'Logs'),
      [['spec.containers[0].terminationMessagePolicy', 'FieldValueNotSupported', 'Unsupported value: "Logs": supported values: "File", "FallbackToLogsOnError"']],
    ],
  ])('%s', (_name, edit, causes) => {
    expect(invalidCauses(edit)).toEqual(causes);
  });
});

describe('ValidatePodCreate: env', () => {
  it.each<[string, (p: Json) => void, Cause[]]>([
    [
      "env names are printable ASCII without '='",
      (p) => (c0(p).env = [{ name: 'A=B', value: 'x' }]),
      [
        [
          'spec.containers[0].env[0].name',
          'FieldValueInvalid',
          `Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`,
        ],
      ],
    ],
    ['an env var needs a name', (p) => (c0(p).env = [{ value: 'x' }]), [['spec.containers[0].env[0].name', 'FieldValueRequired', 'Required value']]],
    [
      'valueFrom needs a source',
      (p) => (c0(p).env = [{ name: 'A', valueFrom: {} }]),
      [
        [
          'spec.containers[0].env[0].valueFrom',
          'FieldValueInvalid',
          'Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
        ],
      ],
    ],
    [
      'value and valueFrom exclude each other',
      (p) => (c0(p).env = [{ name: 'A', value: 'x', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }]),
      [['spec.containers[0].env[0].valueFrom', 'FieldValueInvalid', 'Invalid value: "": may not be specified when `value` is not empty']],
    ],
    [
      'env fieldRef takes only the env-supported paths',
      (p) => (c0(p).env = [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'spec.restartPolicy' } } }]),
      [
        [
          'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath',
          'FieldValueNotSupported',
          'Unsupported value: "spec.restartPolicy": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"',
        ],
      ],
    ],
    [
      'an unknown field label does not convert',
      (p) => (c0(p).env = [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'metadata.nodeName' } } }]),
      [
        [
          'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath',
          'FieldValueInvalid',
          'Invalid value: "metadata.nodeName": error converting fieldPath: field label not supported: metadata.nodeName',
        ],
      ],
    ],
    [
      'a configMapKeyRef key is a config key',
      (p) => (c0(p).env = [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'a/b' } } }]),
      [
        [
          'spec.containers[0].env[0].valueFrom.configMapKeyRef.key',
          'FieldValueInvalid',
          "Invalid value: \"a/b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
        ],
      ],
    ],
    [
      'envFrom needs a source, reported on the list',
      (p) => (c0(p).envFrom = [{ prefix: 'X_' }]),
      [['spec.containers[0].envFrom', 'FieldValueInvalid', 'Invalid value: "": must specify one of: `configMapRef` or `secretRef`']],
    ],
  ])('%s', (_name, edit, causes) => {
    expect(invalidCauses(edit)).toEqual(causes);
  });
});

describe('ValidatePodCreate: resources', () => {
  it.each<[string, (p: Json) => void, Cause[]]>([
    [
      'cpu request above limit names the request path and the limit',
      (p) => (c0(p).resources = { requests: { cpu: '1' }, limits: { cpu: '250m' } }),
      [['spec.containers[0].resources.requests', 'FieldValueInvalid', 'Invalid value: "1": must be less than or equal to cpu limit of 250m']],
    ],
    [
      'quantities are compared after canonicalisation (0.5 = 500m)',
      (p) => (c0(p).resources = { requests: { cpu: '0.75' }, limits: { cpu: 0.5 } }),
      [['spec.containers[0].resources.requests', 'FieldValueInvalid', 'Invalid value: "750m": must be less than or equal to cpu limit of 500m']],
    ],
    [
      'negative quantities are refused on the resource key',
      (p) => (c0(p).resources = { requests: { memory: '-64Mi' } }),
      [['spec.containers[0].resources.requests[memory]', 'FieldValueInvalid', 'Invalid value: "-64Mi": must be greater than or equal to 0']],
    ],
    [
      'an unknown bare resource name fails twice, and again as the request defaulted from it',
      (p) => (c0(p).resources = { limits: { cpus: '1' } }),
      [
        ['spec.containers[0].resources.limits[cpus]', 'FieldValueInvalid', 'Invalid value: "cpus": must be a standard resource type or fully qualified'],
        ['spec.containers[0].resources.limits[cpus]', 'FieldValueInvalid', 'Invalid value: "cpus": must be a standard resource for containers'],
        ['spec.containers[0].resources.requests[cpus]', 'FieldValueInvalid', 'Invalid value: "cpus": must be a standard resource type or fully qualified'],
        ['spec.containers[0].resources.requests[cpus]', 'FieldValueInvalid', 'Invalid value: "cpus": must be a standard resource for containers'],
      ],
    ],
    [
      'extended resources need a limit',
      (p) => (c0(p).resources = { requests: { 'example.com/gpu': '1' } }),
      [['spec.containers[0].resources.limits', 'FieldValueRequired', 'Required value: Limit must be set for non overcommitable resources']],
    ],
    [
      'extended resources are whole numbers (the Quantity marshals as its quoted canonical form)',
      (p) => (c0(p).resources = { limits: { 'example.com/gpu': '500m' } }),
      [
        ['spec.containers[0].resources.limits[example.com/gpu]', 'FieldValueInvalid', 'Invalid value: "500m": must be an integer'],
        ['spec.containers[0].resources.requests[example.com/gpu]', 'FieldValueInvalid', 'Invalid value: "500m": must be an integer'],
      ],
    ],
    [
      'extended resource requests must equal limits',
      (p) => (c0(p).resources = { requests: { 'example.com/gpu': '1' }, limits: { 'example.com/gpu': '2' } }),
      [['spec.containers[0].resources.requests', 'FieldValueInvalid', 'Invalid value: "1": must be equal to example.com/gpu limit of 2']],
    ],
  ])('%s', (_name, edit, causes) => {
    expect(invalidCauses(edit)).toEqual(causes);
  });
});

describe('ValidatePodCreate: probes and lifecycle', () => {
  it.each<[string, (p: Json) => void, Cause[]]>([
    [
      'a probe needs a handler',
      (p) => (c0(p).livenessProbe = { initialDelaySeconds: 5 }),
      [['spec.containers[0].livenessProbe', 'FieldValueRequired', 'Required value: must specify a handler type']],
    ],
    [
      'a probe takes one handler',
      (p) => (c0(p).readinessProbe = { exec: { command: ['true'] }, httpGet: { port: 80 } }),
      [['spec.containers[0].readinessProbe.httpGet', 'FieldValueForbidden', 'Forbidden: may not specify more than 1 handler type']],
    ],
    [
      'liveness successThreshold must be 1',
      (p) => (c0(p).livenessProbe = { tcpSocket: { port: 80 }, successThreshold: 2 }),
      [['spec.containers[0].livenessProbe.successThreshold', 'FieldValueInvalid', 'Invalid value: 2: must be 1']],
    ],
    [
      'negative probe timings are refused',
      (p) => (c0(p).readinessProbe = { exec: { command: ['true'] }, periodSeconds: -5 }),
      [['spec.containers[0].readinessProbe.periodSeconds', 'FieldValueInvalid', 'Invalid value: -5: must be greater than or equal to 0']],
    ],
    [
      'readiness probes have no terminationGracePeriodSeconds',
      (p) => (c0(p).readinessProbe = { exec: { command: ['true'] }, terminationGracePeriodSeconds: 10 }),
      [['spec.containers[0].readinessProbe.terminationGracePeriodSeconds', 'FieldValueInvalid', 'Invalid value: 10: must not be set for readinessProbes']],
    ],
    [
      'httpGet port 0 is out of range',
      (p) => (c0(p).livenessProbe = { httpGet: { port: 0 } }),
      [['spec.containers[0].livenessProbe.httpGet.port', 'FieldValueInvalid', `Invalid value: 0: ${PORT_RANGE}`]],
    ],
    [
      'a quoted number is a port name, and names need a letter',
      (p) => (c0(p).livenessProbe = { httpGet: { port: '8080' } }),
      [['spec.containers[0].livenessProbe.httpGet.port', 'FieldValueInvalid', 'Invalid value: "8080": must contain at least one letter (a-z)']],
    ],
    [
      'httpGet scheme is case-sensitive',
      (p) => (c0(p).livenessProbe = { httpGet: { port: 80, scheme: 'https' } }),
      [['spec.containers[0].livenessProbe.httpGet.scheme', 'FieldValueNotSupported', 'Unsupported value: "https": supported values: "HTTP", "HTTPS"']],
    ],
    [
      'exec needs a command',
      (p) => (c0(p).startupProbe = { exec: {} }),
      [['spec.containers[0].startupProbe.exec.command', 'FieldValueRequired', 'Required value']],
    ],
    [
      'a preStop hook needs a handler',
      (p) => (c0(p).lifecycle = { preStop: {} }),
      [['spec.containers[0].lifecycle.preStop', 'FieldValueRequired', 'Required value: must specify a handler type']],
    ],
    [
      'a sleep hook may not outlast the grace period',
      (p) => (c0(p).lifecycle = { preStop: { sleep: { seconds: 45 } } }),
      [['spec.containers[0].lifecycle.preStop.sleep', 'FieldValueInvalid', 'Invalid value: 45: must be non-negative and less than terminationGracePeriodSeconds (30)']],
    ],
    [
      'plain init containers take no probes',
      (p) => (p.spec.initContainers = [{ name: 'setup', image: 'busybox:1.36', livenessProbe: { exec: { command: ['true'] } } }]),
      [['spec.initContainers[0].livenessProbe', 'FieldValueForbidden', `Forbidden: ${INIT_FORBIDDEN}`]],
    ],
    [
      'a sidecar may have probes, and they are validated',
      (p) => (p.spec.initContainers = [{ name: 'proxy', image: 'nginx:1.25', restartPolicy: 'Always', startupProbe: { tcpSocket: { port: 80 }, successThreshold: 3 } }]),
      [['spec.initContainers[0].startupProbe.successThreshold', 'FieldValueInvalid', 'Invalid value: 3: must be 1']],
    ],
  ])('%s', (_name, edit, causes) => {
    expect(invalidCauses(edit)).toEqual(causes);
  });
});

describe('ValidatePodCreate: volumes and mounts', () => {
  it.each<[string, (p: Json) => void, Cause[]]>([
    [
      'a mount must name a volume',
      (p) => {
        p.spec.volumes = [{ name: 'cache', emptyDir: {} }];
        c0(p).volumeMounts = [{ name: 'data', mountPath: '/data' }];
      },
      [['spec.containers[0].volumeMounts[0].name', 'FieldValueNotFound', 'Not found: "data"']],
    ],
    [
      'mount paths are unique in a container',
      (p) => {
        p.spec.volumes = [{ name: 'a', emptyDir: {} }, { name: 'b', emptyDir: {} }];
        c0(p).volumeMounts = [{ name: 'a', mountPath: '/data' }, { name: 'b', mountPath: '/data' }];
      },
      [['spec.containers[0].volumeMounts[1].mountPath', 'FieldValueInvalid', 'Invalid value: "/data": must be unique']],
    ],
    [
      'a mount needs a mountPath',
      (p) => {
        p.spec.volumes = [{ name: 'a', emptyDir: {} }];
        c0(p).volumeMounts = [{ name: 'a' }];
      },
      [['spec.containers[0].volumeMounts[0].mountPath', 'FieldValueRequired', 'Required value']],
    ],
    [
      'subPath is relative (reported without the mount index, as upstream does)',
      (p) => {
        p.spec.volumes = [{ name: 'a', emptyDir: {} }];
        c0(p).volumeMounts = [{ name: 'a', mountPath: '/data', subPath: '/etc' }];
      },
      [['spec.containers[0].volumeMounts.subPath', 'FieldValueInvalid', 'Invalid value: "/etc": must be a relative path']],
    ],
    [
      'volume names are DNS labels, and an invalid volume cannot be mounted',
      (p) => {
        p.spec.volumes = [{ name: 'Data', emptyDir: {} }];
        c0(p).volumeMounts = [{ name: 'Data', mountPath: '/data' }];
      },
      [
        ['spec.volumes[0].name', 'FieldValueInvalid', `Invalid value: "Data": ${DNS_LABEL}`],
        ['spec.containers[0].volumeMounts[0].name', 'FieldValueNotFound', 'Not found: "Data"'],
      ],
    ],
    [
      'volume names are unique',
      (p) => (p.spec.volumes = [{ name: 'a', emptyDir: {} }, { name: 'a', emptyDir: {} }]),
      [['spec.volumes[1].name', 'FieldValueDuplicate', 'Duplicate value: "a"']],
    ],
    [
      'a volume has one source',
      (p) => (p.spec.volumes = [{ name: 'a', emptyDir: {}, hostPath: { path: '/tmp' } }]),
      [['spec.volumes[0].hostPath', 'FieldValueForbidden', 'Forbidden: may not specify more than 1 volume type']],
    ],
    [
      'hostPath types are an enum (sorted, "" first)',
      (p) => (p.spec.volumes = [{ name: 'a', hostPath: { path: '/var/log', type: 'Dir' } }]),
      [
        [
          'spec.volumes[0].hostPath.type',
          'FieldValueNotSupported',
          'Unsupported value: "Dir": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"',
        ],
      ],
    ],
    [
      'a configMap volume names its ConfigMap',
      (p) => (p.spec.volumes = [{ name: 'cfg', configMap: {} }]),
      [['spec.volumes[0].configMap.name', 'FieldValueRequired', 'Required value']],
    ],
    [
      'file modes are at most 0777',
      (p) => (p.spec.volumes = [{ name: 's', secret: { secretName: 'tls', defaultMode: 644 } }]),
      [['spec.volumes[0].secret.defaultMode', 'FieldValueInvalid', 'Invalid value: 644: must be a number between 0 and 0777 (octal), both inclusive']],
    ],
    [
      'configMap items need a path',
      (p) => (p.spec.volumes = [{ name: 'cfg', configMap: { name: 'app', items: [{ key: 'a' }] } }]),
      [['spec.volumes[0].configMap.items[0].path', 'FieldValueRequired', 'Required value']],
    ],
    [
      'downwardAPI files need a source (reported on the volume source)',
      (p) => (p.spec.volumes = [{ name: 'info', downwardAPI: { items: [{ path: 'labels' }] } }]),
      [['spec.volumes[0].downwardAPI', 'FieldValueRequired', 'Required value: one of fieldRef and resourceFieldRef is required']],
    ],
  ])('%s', (_name, edit, causes) => {
    expect(invalidCauses(edit)).toEqual(causes);
  });
});

describe('ValidatePodCreate: pod spec', () => {
  it.each<[string, (p: Json) => void, Cause[]]>([
    [
      'restartPolicy values keep upstream order',
      (p) => (p.spec.restartPolicy = 'Sometimes'),
      [['spec.restartPolicy', 'FieldValueNotSupported', 'Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"']],
    ],
    [
      'dnsPolicy values',
      (p) => (p.spec.dnsPolicy = 'Cluster'),
      [['spec.dnsPolicy', 'FieldValueNotSupported', 'Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"']],
    ],
    [
      'dnsPolicy None needs a dnsConfig',
      (p) => (p.spec.dnsPolicy = 'None'),
      [['spec.dnsConfig', 'FieldValueRequired', 'Required value: must provide `dnsConfig` when `dnsPolicy` is None']],
    ],
    [
      'activeDeadlineSeconds is at least 1',
      (p) => (p.spec.activeDeadlineSeconds = 0),
      [['spec.activeDeadlineSeconds', 'FieldValueInvalid', 'Invalid value: 0: must be between 1 and 2147483647, inclusive']],
    ],
    [
      'nodeSelector values are label values (reported on the map)',
      (p) => (p.spec.nodeSelector = { disktype: 'ssd!' }),
      [['spec.nodeSelector', 'FieldValueInvalid', `Invalid value: "ssd!": ${LABEL_VALUE}`]],
    ],
    [
      'nodeSelector keys are qualified names',
      (p) => (p.spec.nodeSelector = { 'disk type': 'ssd' }),
      [['spec.nodeSelector', 'FieldValueInvalid', `Invalid value: "disk type": ${NAME_PART}`]],
    ],
    [
      'hostNetwork pods use containerPort as hostPort',
      (p) => {
        p.spec.hostNetwork = true;
        c0(p).ports = [{ containerPort: 80, hostPort: 8080 }];
      },
      [['spec.containers[0].ports[0].hostPort', 'FieldValueInvalid', 'Invalid value: 8080: must match `containerPort` when `hostNetwork` is true']],
    ],
    [
      'hostname is a DNS label',
      (p) => (p.spec.hostname = 'My_Host'),
      [['spec.hostname', 'FieldValueInvalid', `Invalid value: "My_Host": ${DNS_LABEL}`]],
    ],
    [
      'ephemeral containers cannot be set on create',
      (p) => (p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36' }]),
      [['spec.ephemeralContainers', 'FieldValueForbidden', 'Forbidden: cannot be set on create']],
    ],
    [
      'a gated pod cannot be bound',
      (p) => {
        p.spec.nodeName = 'node01';
        p.spec.schedulingGates = [{ name: 'example.com/wait' }];
      },
      [['spec.nodeName', 'FieldValueForbidden', 'Forbidden: cannot be set until all schedulingGates have been cleared']],
    ],
    [
      'scheduling gates are unique',
      (p) => (p.spec.schedulingGates = [{ name: 'a' }, { name: 'a' }]),
      [['spec.schedulingGates[1]', 'FieldValueDuplicate', 'Duplicate value: "a"']],
    ],
    [
      'host namespaces are forbidden with a user namespace (v1.34 wording)',
      (p) => {
        p.spec.hostUsers = false;
        p.spec.hostPID = true;
      },
      [['spec.HostPID', 'FieldValueForbidden', 'Forbidden: when `hostUsers` is false']],
    ],
    ['an empty os.name is a bare Required value', (p) => (p.spec.os = { name: '' }), [['spec.os.name', 'FieldValueRequired', 'Required value']]],
    [
      'seLinuxChangePolicy may only be Recursive while SELinuxMount is off',
      (p) => (p.spec.securityContext = { seLinuxChangePolicy: 'MountOption' }),
      [['spec.securityContext.seLinuxChangePolicy', 'FieldValueNotSupported', 'Unsupported value: "MountOption": supported values: "Recursive"']],
    ],
    [
      'procMount Unmasked needs hostUsers: false',
      (p) => (c0(p).securityContext = { procMount: 'Unmasked' }),
      [['spec.containers[0].securityContext.procMount', 'FieldValueInvalid', 'Invalid value: "Unmasked": `hostUsers` must be false to use `Unmasked`']],
    ],
    [
      'resizePolicy must be NotRequired in a restartPolicy: Never pod',
      (p) => {
        p.spec.restartPolicy = 'Never';
        c0(p).resizePolicy = [{ resourceName: 'cpu', restartPolicy: 'RestartContainer' }];
      },
      [['spec.containers[0].resizePolicy', 'FieldValueInvalid', 'Invalid value: "RestartContainer": must be \'NotRequired\' when `restartPolicy` is \'Never\'']],
    ],
    [
      'resizePolicy names cpu or memory, once each',
      (p) => (c0(p).resizePolicy = [{ resourceName: 'memory', restartPolicy: 'NotRequired' }, { resourceName: 'memory', restartPolicy: 'NotRequired' }, { resourceName: 'gpu', restartPolicy: 'NotRequired' }]),
      [
        ['spec.containers[0].resizePolicy[1]', 'FieldValueDuplicate', 'Duplicate value: "memory"'],
        ['spec.containers[0].resizePolicy', 'FieldValueNotSupported', 'Unsupported value: "gpu": supported values: "cpu", "memory"'],
      ],
    ],
  ])('%s', (_name, edit, causes) => {
    expect(invalidCauses(edit)).toEqual(causes);
  });
});

describe('ValidatePodCreate: scheduling constraints', () => {
  const nodeAffinity = (expr: Json) => ({
    nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [expr] }] } },
  });
  const req = 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms';
  it.each<[string, (p: Json) => void, Cause[]]>([
    [
      'Exists takes no value',
      (p) => (p.spec.tolerations = [{ key: 'dedicated', operator: 'Exists', value: 'db' }]),
      [
        [
          'spec.tolerations[0].operator',
          'FieldValueInvalid',
          'Invalid value: "db": value must be empty when `operator` is \'Exists\'',
        ],
      ],
    ],
    [
      'an empty key needs Exists',
      (p) => (p.spec.tolerations = [{ operator: 'Equal', value: 'x' }]),
      [
        [
          'spec.tolerations[0].operator',
          'FieldValueInvalid',
          'Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ],
      ],
    ],
    [
      'tolerationSeconds only with NoExecute',
      (p) => (p.spec.tolerations = [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 60 }]),
      [['spec.tolerations[0].effect', 'FieldValueInvalid', "Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set"]],
    ],
    [
      'taint effects are an enum',
      (p) => (p.spec.tolerations = [{ key: 'k', operator: 'Exists', effect: 'NoExec' }]),
      [['spec.tolerations[0].effect', 'FieldValueNotSupported', 'Unsupported value: "NoExec": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"']],
    ],
    [
      'toleration operators are Equal or Exists',
      (p) => (p.spec.tolerations = [{ key: 'k', operator: 'In', value: 'v' }]),
      [['spec.tolerations[0].operator', 'FieldValueNotSupported', 'Unsupported value: "In": supported values: "Equal", "Exists"']],
    ],
    [
      'a required node affinity needs a term',
      (p) => (p.spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } }),
      [[req, 'FieldValueRequired', 'Required value: must have at least one node selector term']],
    ],
    [
      'In needs values',
      (p) => (p.spec.affinity = nodeAffinity({ key: 'zone', operator: 'In' })),
      [[`${req}[0].matchExpressions[0].values`, 'FieldValueRequired', "Required value: must be specified when `operator` is 'In' or 'NotIn'"]],
    ],
    [
      'Exists takes no values',
      (p) => (p.spec.affinity = nodeAffinity({ key: 'zone', operator: 'DoesNotExist', values: ['a'] })),
      [[`${req}[0].matchExpressions[0].values`, 'FieldValueForbidden', "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"]],
    ],
    [
      'Gt takes exactly one value',
      (p) => (p.spec.affinity = nodeAffinity({ key: 'cores', operator: 'Gt', values: ['2', '4'] })),
      [[`${req}[0].matchExpressions[0].values`, 'FieldValueRequired', "Required value: must be specified single value when `operator` is 'Lt' or 'Gt'"]],
    ],
    [
      'an unknown operator',
      (p) => (p.spec.affinity = nodeAffinity({ key: 'zone', operator: 'Equals', values: ['a'] })),
      [[`${req}[0].matchExpressions[0].operator`, 'FieldValueInvalid', 'Invalid value: "Equals": not a valid selector operator']],
    ],
    [
      'preferred weights are 1-100',
      (p) =>
        (p.spec.affinity = {
          nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: { matchExpressions: [{ key: 'a', operator: 'Exists' }] } }] },
        }),
      [['spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight', 'FieldValueInvalid', 'Invalid value: 0: must be in the range 1-100']],
    ],
    [
      'a pod affinity term needs a topologyKey (and an empty key is no qualified name)',
      (p) => (p.spec.affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } } }] } }),
      [
        ['spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey', 'FieldValueRequired', 'Required value: can not be empty'],
        ['spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey', 'FieldValueInvalid', 'Invalid value: "": name part must be non-empty'],
        ['spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey', 'FieldValueInvalid', `Invalid value: "": ${NAME_PART}`],
      ],
    ],
    [
      'label selector In needs values',
      (p) =>
        (p.spec.affinity = {
          podAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone', labelSelector: { matchExpressions: [{ key: 'app', operator: 'In' }] } }],
          },
        }),
      [
        [
          'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions[0].values',
          'FieldValueRequired',
          "Required value: must be specified when `operator` is 'In' or 'NotIn'",
        ],
      ],
    ],
    [
      'maxSkew is positive',
      (p) => (p.spec.topologySpreadConstraints = [{ maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }]),
      [['spec.topologySpreadConstraints[0].maxSkew', 'FieldValueInvalid', 'Invalid value: 0: must be greater than zero']],
    ],
    [
      'whenUnsatisfiable is an enum',
      (p) => (p.spec.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'Never' }]),
      [['spec.topologySpreadConstraints[0].whenUnsatisfiable', 'FieldValueNotSupported', 'Unsupported value: "Never": supported values: "DoNotSchedule", "ScheduleAnyway"']],
    ],
    [
      'one constraint per topologyKey and action',
      (p) =>
        (p.spec.topologySpreadConstraints = [
          { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' },
          { maxSkew: 2, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' },
        ]),
      [['spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}', 'FieldValueDuplicate', 'Duplicate value: "{zone, DoNotSchedule}"']],
    ],
  ])('%s', (_name, edit, causes) => {
    expect(invalidCauses(edit)).toEqual(causes);
  });
});

describe('ValidatePodCreate: metadata', () => {
  it.each<[string, (p: Json) => void, Cause[]]>([
    [
      'pod names are DNS subdomains',
      (p) => (p.metadata.name = 'Web'),
      [['metadata.name', 'FieldValueInvalid', `Invalid value: "Web": ${SUBDOMAIN}`]],
    ],
    [
      'label values are checked on metadata.labels',
      (p) => (p.metadata.labels = { version: 'v1.0!' }),
      [['metadata.labels', 'FieldValueInvalid', `Invalid value: "v1.0!": ${LABEL_VALUE}`]],
    ],
    [
      'label prefixes are DNS subdomains',
      (p) => (p.metadata.labels = { 'Example.com/app': 'web' }),
      [['metadata.labels', 'FieldValueInvalid', `Invalid value: "Example.com/app": prefix part ${SUBDOMAIN}`]],
    ],
    [
      'annotation keys are qualified names (case-insensitively)',
      (p) => (p.metadata.annotations = { 'Owner Team': 'a' }),
      [['metadata.annotations', 'FieldValueInvalid', `Invalid value: "Owner Team": ${NAME_PART}`]],
    ],
  ])('%s', (_name, edit, causes) => {
    expect(invalidCauses(edit)).toEqual(causes);
  });
});

describe('ValidatePodCreate: accepted', () => {
  it.each<[string, (p: Json) => void]>([
    ['a minimal pod', () => {}],
    ['a sidecar with probes', (p) => (p.spec.initContainers = [{ name: 'proxy', image: 'nginx:1.25', restartPolicy: 'Always', readinessProbe: { httpGet: { port: 80 } } }])],
    ['a tolerate-everything toleration', (p) => (p.spec.tolerations = [{ operator: 'Exists' }])],
    ['readiness successThreshold above 1', (p) => (c0(p).readinessProbe = { exec: { command: ['true'] }, successThreshold: 3 })],
    ['a named httpGet port', (p) => (c0(p).livenessProbe = { httpGet: { port: 'http' } })],
    ['requests below limits', (p) => (c0(p).resources = { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '1Gi' } })],
    ['a sleep hook of 0 seconds', (p) => (c0(p).lifecycle = { preStop: { sleep: { seconds: 0 } } })],
    ['env names with dots and dashes', (p) => (c0(p).env = [{ name: 'my.var-1', value: 'x' }])],
    ['a gRPC probe', (p) => (c0(p).livenessProbe = { grpc: { port: 9000 } })],
    ['procMount Unmasked in a user namespace', (p) => ((p.spec.hostUsers = false), (c0(p).securityContext = { procMount: 'Unmasked' }))],
    ['pod-level requests that leave out a resource the containers request', (p) => ((p.spec.resources = { requests: { cpu: '1' } }), (c0(p).resources = { requests: { cpu: '500m', memory: '64Mi' } }))],
    ['a hostPath volume with a type', (p) => (p.spec.volumes = [{ name: 'logs', hostPath: { path: '/var/log', type: 'Directory' } }])],
    ['an env var from a resource with divisor', (p) => (c0(p).env = [{ name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } }])],
    ['node affinity with Gt', (p) => (p.spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['2'] }] }] } } })],
  ])('%s', (_name, edit) => {
    expect(invalidCauses(edit)).toBe('accepted');
  });
});

describe('several causes', () => {
  it('lists every cause, in validation order, as a bulleted message', () => {
    const r = fakeCluster().apply(
      podManifest('multi', (p: Json) => {
        p.spec.restartPolicy = 'Sometimes';
        c0(p).image = '';
        c0(p).imagePullPolicy = 'Maybe';
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.rejection.message).toBe(
      'The Pod "multi" is invalid: \n' +
        '* spec.containers[0].image: Required value\n' +
        '* spec.containers[0].imagePullPolicy: Unsupported value: "Maybe": supported values: "Always", "IfNotPresent", "Never"\n' +
        '* spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    );
  });
});
