/**
 * The Go values validators report as bad values, built from kubesim's (JSON-shaped) objects in the
 * shape json.Marshal sees them (gomarshal.ts). The validators run on the internal types of
 * pkg/apis/core and pkg/apis/apps, which carry no json tags: keys are the Go field names in
 * declaration order and nothing is omitted (a nil pointer is null). Types shared with the external
 * API (metav1.LabelSelector, metav1.OwnerReference) keep their json tags and omitempty; Quantity,
 * IntOrString and metav1.Time marshal themselves ("100m", 5 or "25%", an RFC 3339 string).
 */
import type { LabelSelector, NodeSelectorRequirement, NodeSelectorTerm, OwnerReference, Taint } from '../../api/types';
import { type GoValue, goMap, goSlice } from './gomarshal';

type Obj = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const ptr = (v: unknown): GoValue => (v === undefined ? null : (v as GoValue));
const strings = (v: unknown): readonly string[] | null => goSlice(v as string[] | undefined);

/** intstr.IntOrString.MarshalJSON: a number, or the string quoted; the zero value is 0. */
export function intOrStringValue(v: number | string | undefined): number | string {
  return v ?? 0;
}

/** metav1.LabelSelector (json tags, omitempty); a nil *LabelSelector is null. */
export function labelSelectorValue(sel: LabelSelector | undefined): GoValue {
  if (!sel) return null;
  const out: Record<string, GoValue> = {};
  if (sel.matchLabels && Object.keys(sel.matchLabels).length) out.matchLabels = goMap(sel.matchLabels);
  if (sel.matchExpressions?.length) {
    out.matchExpressions = sel.matchExpressions.map((e) => {
      const r: Record<string, GoValue> = { key: e.key ?? '', operator: e.operator ?? '' };
      if (e.values?.length) r.values = e.values;
      return r;
    });
  }
  return out;
}

/** metav1.OwnerReference (json tags; controller and blockOwnerDeletion omitempty). */
export function ownerReferenceValue(r: OwnerReference): GoValue {
  const out: Record<string, GoValue> = { apiVersion: str(r.apiVersion), kind: str(r.kind), name: str(r.name), uid: str(r.uid) };
  if (r.controller !== undefined) out.controller = r.controller;
  if (r.blockOwnerDeletion !== undefined) out.blockOwnerDeletion = r.blockOwnerDeletion;
  return out;
}

/** []metav1.OwnerReference. */
export function ownerReferencesValue(refs: readonly OwnerReference[] | undefined): GoValue {
  return refs ? refs.map(ownerReferenceValue) : null;
}

/** core.Taint (TimeAdded is a *metav1.Time). */
export function taintValue(t: Partial<Taint>): GoValue {
  return { Key: str(t.key), Value: str(t.value), Effect: str(t.effect), TimeAdded: ptr(t.timeAdded) };
}

/** core.ServicePort. */
export function servicePortValue(p: { name?: string; protocol?: string; appProtocol?: string; port?: number; targetPort?: number | string; nodePort?: number }): GoValue {
  return {
    Name: str(p.name),
    Protocol: str(p.protocol),
    AppProtocol: ptr(p.appProtocol),
    Port: num(p.port),
    TargetPort: intOrStringValue(p.targetPort),
    NodePort: num(p.nodePort),
  };
}

/** core.NodeSelectorRequirement. */
function nodeSelectorRequirementValue(r: NodeSelectorRequirement): GoValue {
  return { Key: str(r.key), Operator: str(r.operator), Values: strings(r.values) };
}

/** core.NodeSelectorTerm. */
export function nodeSelectorTermValue(t: NodeSelectorTerm): GoValue {
  return {
    MatchExpressions: t.matchExpressions ? t.matchExpressions.map(nodeSelectorRequirementValue) : null,
    MatchFields: t.matchFields ? t.matchFields.map(nodeSelectorRequirementValue) : null,
  };
}

/** core.SeccompProfile / core.AppArmorProfile. */
export function profileValue(p: { type?: string; localhostProfile?: string } | undefined): GoValue {
  if (!p) return null;
  return { Type: str(p.type), LocalhostProfile: ptr(p.localhostProfile) };
}

/** core.SecurityContext (a container's). */
export function securityContextValue(sc: Obj | undefined): GoValue {
  if (!sc) return null;
  const caps = sc.capabilities as Obj | undefined;
  const se = sc.seLinuxOptions as Obj | undefined;
  const win = sc.windowsOptions as Obj | undefined;
  return {
    Capabilities: caps ? { Add: strings(caps.add), Drop: strings(caps.drop) } : null,
    Privileged: ptr(sc.privileged),
    SELinuxOptions: se ? { User: str(se.user), Role: str(se.role), Type: str(se.type), Level: str(se.level) } : null,
    WindowsOptions: win
      ? {
          GMSACredentialSpecName: ptr(win.gmsaCredentialSpecName),
          GMSACredentialSpec: ptr(win.gmsaCredentialSpec),
          RunAsUserName: ptr(win.runAsUserName),
          HostProcess: ptr(win.hostProcess),
        }
      : null,
    RunAsUser: ptr(sc.runAsUser),
    RunAsGroup: ptr(sc.runAsGroup),
    RunAsNonRoot: ptr(sc.runAsNonRoot),
    ReadOnlyRootFilesystem: ptr(sc.readOnlyRootFilesystem),
    AllowPrivilegeEscalation: ptr(sc.allowPrivilegeEscalation),
    ProcMount: ptr(sc.procMount),
    SeccompProfile: profileValue(sc.seccompProfile as Obj | undefined),
    AppArmorProfile: profileValue(sc.appArmorProfile as Obj | undefined),
  };
}

/** apps.DeploymentStrategy (RollingUpdate is a *apps.RollingUpdateDeployment of two IntOrStrings). */
export function deploymentStrategyValue(s: { type?: string; rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string } }): GoValue {
  const ru = s.rollingUpdate;
  return {
    Type: str(s.type),
    RollingUpdate: ru ? { MaxUnavailable: intOrStringValue(ru.maxUnavailable), MaxSurge: intOrStringValue(ru.maxSurge) } : null,
  };
}
