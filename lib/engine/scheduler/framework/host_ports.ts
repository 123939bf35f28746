/**
 * framework.HostPortInfo: host ports in use on a node, by IP, protocol and port. 0.0.0.0 (and an
 * empty hostIP) binds every address, so it conflicts with the same protocol/port on any IP.
 */
import type { HostPort } from './pod_info';

const BIND_ALL = '0.0.0.0';

function sanitize(p: HostPort): { ip: string; pp: string } {
  return { ip: p.ip || BIND_ALL, pp: `${p.protocol || 'TCP'}/${p.port}` };
}

export class HostPortInfo {
  /** ip -> "protocol/port" -> number of pods holding it. */
  private readonly byIp = new Map<string, Map<string, number>>();

  get size(): number {
    return this.byIp.size;
  }

  add(p: HostPort): void {
    if (p.port <= 0) return;
    const { ip, pp } = sanitize(p);
    let m = this.byIp.get(ip);
    if (!m) this.byIp.set(ip, (m = new Map()));
    m.set(pp, (m.get(pp) ?? 0) + 1);
  }

  remove(p: HostPort): void {
    if (p.port <= 0) return;
    const { ip, pp } = sanitize(p);
    const m = this.byIp.get(ip);
    if (!m) return;
    const n = (m.get(pp) ?? 0) - 1;
    if (n > 0) m.set(pp, n);
    else m.delete(pp);
    if (m.size === 0) this.byIp.delete(ip);
  }

  checkConflict(p: HostPort): boolean {
    if (p.port <= 0) return false;
    const { ip, pp } = sanitize(p);
    if (ip === BIND_ALL) {
      for (const m of this.byIp.values()) if (m.has(pp)) return true;
      return false;
    }
    return (this.byIp.get(BIND_ALL)?.has(pp) ?? false) || (this.byIp.get(ip)?.has(pp) ?? false);
  }

  clone(): HostPortInfo {
    const c = new HostPortInfo();
    for (const [ip, m] of this.byIp) c.byIp.set(ip, new Map(m));
    return c;
  }
}
