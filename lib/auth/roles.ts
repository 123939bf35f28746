/** Who may do what. Pure rules, so they are tested without a database or a request. */
export const ROLES = ['learner', 'instructor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { learner: 0, instructor: 1, admin: 2 };

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether someone with `role` may open what needs `needed` (roles nest: admin ⊃ instructor ⊃ learner). */
export function hasRole(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

export interface RoleChange {
  actor: { id: string; role: Role };
  target: { id: string; role: Role };
  to: Role;
  adminCount: number;
}

/** Why a role change is refused, or null when it is allowed. */
export function roleChangeRefusal({ actor, target, to, adminCount }: RoleChange): string | null {
  if (actor.role !== 'admin') return 'Only an admin can change roles.';
  if (target.role === to) return null;
  if (target.role === 'admin' && adminCount <= 1) {
    return 'This is the last admin: make someone else admin first.';
  }
  return null;
}
