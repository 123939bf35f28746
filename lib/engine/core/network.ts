/**
 * The cluster network as pods see it: cluster DNS names for Services (name, name.ns,
 * name.ns.svc[.cluster.local]), kube-proxy's Service IPs spreading to ready endpoints, and pod IPs.
 * A Service without ready endpoints refuses connections, as kube-proxy's REJECT rule does.
 */
import type { KubeObject, Pod } from '../api/types';
import type { ObjectStore } from './store';
import type { NetResult, Network } from '../kubelet/process';
import type { PodWorker } from '../kubelet/pod-worker';

interface ServiceSpec {
  clusterIP?: string;
  selector?: Record<string, string>;
  ports?: { name?: string; port: number; targetPort?: number | string; protocol?: string }[];
}

export class ClusterNetwork {
  private byIP = new Map<string, PodWorker>();

  constructor(private readonly store: ObjectStore) {}

  setPodIP(worker: PodWorker, ip: string | undefined): void {
    for (const [k, w] of this.byIP) if (w === worker) this.byIP.delete(k);
    if (ip) this.byIP.set(ip, worker);
  }

  private services(): KubeObject[] {
    return this.store.list('Service');
  }

  private resolveService(name: string, fromNs: string): { svc: KubeObject; fqdn: string } | undefined {
    const parts = name.replace(/\.$/, '').split('.');
    let svcName = parts[0];
    let ns = fromNs;
    if (parts.length >= 2) {
      ns = parts[1];
      const rest = parts.slice(2).join('.');
      if (rest !== '' && rest !== 'svc' && rest !== 'svc.cluster.local') return undefined;
    }
    // "name" alone searches the pod's namespace; "name.ns" is tried next by the resolver's search list.
    const svc = this.store.get('Service', ns, svcName);
    if (!svc && parts.length === 1) return undefined;
    if (!svc) return undefined;
    svcName = svc.metadata!.name!;
    return { svc, fqdn: `${svcName}.${ns}.svc.cluster.local` };
  }

  /** The ready endpoints of a Service: pod workers with a matching, Ready pod. */
  private endpoints(svc: KubeObject): { worker: PodWorker; pod: Pod }[] {
    const spec = (svc.spec ?? {}) as ServiceSpec;
    const sel = spec.selector;
    if (!sel || Object.keys(sel).length === 0) return [];
    const out: { worker: PodWorker; pod: Pod }[] = [];
    for (const w of this.byIP.values()) {
      const pod = w.pod;
      if (pod.metadata.namespace !== svc.metadata!.namespace) continue;
      const labels = pod.metadata.labels ?? {};
      if (!Object.entries(sel).every(([k, v]) => labels[k] === v)) continue;
      if (pod.metadata.deletionTimestamp) continue;
      const ready = pod.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
      if (ready) out.push({ worker: w, pod });
    }
    return out.sort((a, b) => (a.pod.metadata.name! < b.pod.metadata.name! ? -1 : 1));
  }

  private target(host: string, port: number, from: PodWorker): { worker?: PodWorker; port: number; address: string } | 'dns' {
    if (host === 'localhost' || host === '127.0.0.1') return { worker: from, port, address: '127.0.0.1' };
    let ip = host;
    if (!/^\d+\.\d+\.\d+\.\d+$/.test(host)) {
      const r = this.resolveService(host, from.pod.metadata.namespace ?? 'default');
      if (!r) return 'dns';
      const spec = (r.svc.spec ?? {}) as ServiceSpec;
      if (spec.clusterIP === 'None') {
        const eps = this.endpoints(r.svc);
        if (eps.length === 0) return 'dns';
        return { worker: eps[0].worker, port, address: eps[0].worker.podIP ?? '' };
      }
      ip = spec.clusterIP ?? '';
    }
    const svc = this.services().find((s) => ((s.spec ?? {}) as ServiceSpec).clusterIP === ip);
    if (svc) {
      const spec = (svc.spec ?? {}) as ServiceSpec;
      const sp = (spec.ports ?? []).find((p) => p.port === port);
      if (!sp) return { port, address: ip };
      const eps = this.endpoints(svc);
      if (eps.length === 0) return { port, address: ip };
      const { worker, pod } = eps[0];
      const tp = sp.targetPort ?? sp.port;
      const targetPort = typeof tp === 'number' ? tp : worker.resolvePort(tp, pod.spec.containers[0]);
      return { worker, port: targetPort, address: ip };
    }
    const w = this.byIP.get(ip);
    return { worker: w, port, address: ip };
  }

  /** The network one pod sees. */
  networkFor(from: PodWorker): Network {
    return {
      lookup: (name) => {
        if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return { fqdn: name, address: name };
        const r = this.resolveService(name, from.pod.metadata.namespace ?? 'default');
        if (!r) return undefined;
        const spec = (r.svc.spec ?? {}) as ServiceSpec;
        if (spec.clusterIP === 'None') {
          const eps = this.endpoints(r.svc);
          return eps.length ? { fqdn: r.fqdn, address: eps[0].worker.podIP ?? '' } : undefined;
        }
        return { fqdn: r.fqdn, address: spec.clusterIP ?? '' };
      },
      http: (host, port, path): NetResult => {
        const t = this.target(host, port, from);
        if (t === 'dns') return { ok: false, error: 'dns' };
        if (!t.worker) return { ok: false, error: this.byIP.size >= 0 && /^10\.96\./.test(t.address) ? 'refused' : 'timeout', address: t.address };
        const r = t.worker.httpToPod(t.port, path);
        if (!r.ok) return { ok: false, error: 'refused', address: t.address };
        return { ok: true, status: r.status, body: r.body, address: t.address };
      },
      tcp: (host, port): NetResult => {
        const t = this.target(host, port, from);
        if (t === 'dns') return { ok: false, error: 'dns' };
        if (!t.worker) return { ok: false, error: /^10\.96\./.test(t.address) ? 'refused' : 'timeout', address: t.address };
        return t.worker.listenerOn(t.port) ? { ok: true, status: 0, body: '', address: t.address } : { ok: false, error: 'refused', address: t.address };
      },
    };
  }
}
