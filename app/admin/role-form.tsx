'use client';
import { useActionState } from 'react';
import { setRole, type RoleFormState } from './actions';

export function RoleForm({ userId, email, role, roles }: { userId: string; email: string; role: string; roles: string[] }) {
  const [state, action, pending] = useActionState<RoleFormState, FormData>(setRole, { ok: true, message: null });
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <label className="sr-only" htmlFor={`role-${userId}`}>Role of {email}</label>
      <select
        id={`role-${userId}`}
        name="role"
        defaultValue={role}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
      >
        {roles.map((r) => (
          <option key={r} value={r}>{r}</option>
        ))}
      </select>
      <button type="submit" disabled={pending} className="rounded-md border border-slate-300 px-2.5 py-1 hover:bg-slate-50 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-900">
        Save
      </button>
      {state.message ? (
        <span role="status" className={state.ok ? 'text-green-700 dark:text-green-300' : 'text-red-700 dark:text-red-300'}>
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
