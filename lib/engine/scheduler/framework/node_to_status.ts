/**
 * framework.NodeToStatus: why each rejected node was rejected, plus one status for every node not
 * listed (all nodes when a PreFilter rejected the pod, the nodes a PreFilterResult left out).
 */
import type { NodeInfo } from './node_info';
import { Status, type Code } from './status';

export class NodeToStatus {
  readonly map = new Map<string, Status>();
  absent: Status = new Status('UnschedulableAndUnresolvable');

  get(name: string): Status {
    return this.map.get(name) ?? this.absent;
  }

  set(name: string, s: Status): void {
    this.map.set(name, s);
  }

  get size(): number {
    return this.map.size;
  }

  /** The nodes whose status has `code`, in node-list order (upstream iterates a map). */
  nodesForStatusCode(allNodes: readonly NodeInfo[], code: Code): NodeInfo[] {
    const out: NodeInfo[] = [];
    const absentMatches = this.absent.code === code;
    for (const ni of allNodes) {
      const s = this.map.get(ni.name);
      if (s ? s.code === code : absentMatches) out.push(ni);
    }
    return out;
  }
}
