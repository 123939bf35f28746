'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireRole } from '@/lib/auth/session';
import { ROLES } from '@/lib/auth/roles';
import { changeRole } from '@/lib/db';

const roleChangeInput = z.object({
  userId: z.string().min(1),
  role: z.enum(ROLES),
});

export interface RoleFormState {
  message: string | null;
  ok: boolean;
}

/** Server action behind the role selector: admins only, checked here and not in the browser. */
export async function setRole(_previous: RoleFormState, form: FormData): Promise<RoleFormState> {
  const actor = await requireRole('admin', '/admin');
  const input = roleChangeInput.safeParse(Object.fromEntries(form));
  if (!input.success) return { ok: false, message: 'Choose one of the roles listed.' };
  const result = await changeRole(actor, input.data.userId, input.data.role);
  if (!result.ok) return { ok: false, message: result.error };
  revalidatePath('/admin');
  return { ok: true, message: 'Saved.' };
}
