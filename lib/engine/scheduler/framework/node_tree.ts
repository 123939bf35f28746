/**
 * The scheduler cache's nodeTree: nodes grouped by zone, listed round-robin across zones so that
 * a search that stops early still looks at every zone. Within a zone, nodes keep arrival order.
 */
import type { Node } from '../../api/types';

/** utilnode.GetZoneKey: region and zone (stable labels first, then the beta ones). */
export function zoneKey(node: Node): string {
  const l = node.metadata.labels;
  if (!l) return '';
  const zone = l['topology.kubernetes.io/zone'] ?? l['failure-domain.beta.kubernetes.io/zone'] ?? '';
  const region = l['topology.kubernetes.io/region'] ?? l['failure-domain.beta.kubernetes.io/region'] ?? '';
  if (region === '' && zone === '') return '';
  return `${region}:\u0000:${zone}`;
}

export class NodeTree {
  private readonly zones: string[] = [];
  private readonly tree = new Map<string, string[]>();
  private readonly zoneOf = new Map<string, string>();

  get numNodes(): number {
    return this.zoneOf.size;
  }

  add(node: Node): void {
    const name = node.metadata.name ?? '';
    if (this.zoneOf.has(name)) return;
    const zone = zoneKey(node);
    let list = this.tree.get(zone);
    if (!list) {
      list = [];
      this.tree.set(zone, list);
      this.zones.push(zone);
    }
    list.push(name);
    this.zoneOf.set(name, zone);
  }

  remove(name: string): void {
    const zone = this.zoneOf.get(name);
    if (zone === undefined) return;
    this.zoneOf.delete(name);
    const list = this.tree.get(zone)!;
    list.splice(list.indexOf(name), 1);
    if (list.length === 0) {
      this.tree.delete(zone);
      this.zones.splice(this.zones.indexOf(zone), 1);
    }
  }

  /** A node whose zone labels changed moves to the end of its new zone, as upstream does. */
  update(node: Node): void {
    const name = node.metadata.name ?? '';
    const zone = this.zoneOf.get(name);
    if (zone !== undefined && zone === zoneKey(node)) return;
    this.remove(name);
    this.add(node);
  }

  list(): string[] {
    const out: string[] = [];
    const n = this.numNodes;
    for (let idx = 0; out.length < n; idx++) {
      for (const z of this.zones) {
        const na = this.tree.get(z)!;
        if (idx < na.length) out.push(na[idx]);
      }
    }
    return out;
  }
}
