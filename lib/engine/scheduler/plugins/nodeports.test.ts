import { describe, expect, it } from 'vitest';
import type { ContainerPort } from '../../api/types';
import { filterVerdict, makeNode, makePod } from '../testing';
import { NodePorts } from './names';

const port = (hostPort: number, protocol: 'TCP' | 'UDP' = 'TCP', hostIP = ''): ContainerPort => ({ containerPort: hostPort, hostPort, protocol, ...(hostIP ? { hostIP } : {}) });

// Modeled on upstream node_ports_test.go TestNodePorts.
describe('NodePorts Filter', () => {
  const cases: [string, ContainerPort[], ContainerPort[], boolean][] = [
    ['no ports: skipped', [], [], true],
    ['other port', [port(8080)], [port(9090)], true],
    ['same UDP port', [port(8080, 'UDP')], [port(8080, 'UDP')], false],
    ['same TCP port', [port(8080)], [port(8080)], false],
    ['different protocol', [port(8080, 'UDP')], [port(8080, 'TCP')], true],
    ['second udp port conflict', [port(8001, 'UDP'), port(8080, 'UDP')], [port(8001, 'UDP')], false],
    ['different host ip', [port(8080, 'TCP', '127.0.0.1')], [port(8080, 'TCP', '127.0.0.2')], true],
    ['first tcp port conflict due to 0.0.0.0 hostIP', [port(8080, 'TCP', '127.0.0.1')], [port(8080, 'TCP', '0.0.0.0')], false],
    ['0.0.0.0 hostIP on the new pod conflicts with any IP', [port(8080, 'TCP', '0.0.0.0')], [port(8080, 'TCP', '10.0.0.1')], false],
    ['an empty hostIP binds all addresses', [port(8080)], [port(8080, 'TCP', '10.0.0.1')], false],
    ['containerPort without hostPort never conflicts', [{ containerPort: 80 }], [{ containerPort: 80 }], true],
  ];
  it.each(cases)('%s', (_name, want, used, fits) => {
    const existing = makePod('old', { nodeName: 'n', ports: used });
    const v = filterVerdict(NodePorts, makePod('p', { ports: want }), [makeNode('n')], [existing]);
    if (fits) expect(['Success', 'Skip']).toContain(v?.code);
    else expect(v).toEqual({ plugin: NodePorts, code: 'Unschedulable', reasons: ["node(s) didn't have free ports for the requested pod ports"] });
  });

  it('host ports of sidecars count, those of ordinary init containers do not', () => {
    const existing = makePod('old', { nodeName: 'n', initContainers: [{ restartPolicy: 'Always', ports: [port(8080)] }, { ports: [port(9090)] }] });
    expect(filterVerdict(NodePorts, makePod('a', { ports: [port(8080)] }), [makeNode('n')], [existing])?.code).toBe('Unschedulable');
    expect(filterVerdict(NodePorts, makePod('b', { ports: [port(9090)] }), [makeNode('n')], [existing])?.code).toBe('Success');
  });
});
