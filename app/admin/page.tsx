import type { Metadata } from 'next';
import { requireRole } from '@/lib/auth/session';
import { ROLES } from '@/lib/auth/roles';
import { listUsers } from '@/lib/db';
import { RoleForm } from './role-form';

export const metadata: Metadata = { title: 'Admin' };

export default async function AdminPage() {
  const me = await requireRole('admin', '/admin');
  const users = await listUsers();
  return (
    <div>
      <h1 className="text-3xl font-bold tracking-tight">People and roles</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-300">
        Learners take the course; instructors also run classes; admins also manage roles.
      </p>
      <div className="mt-6 overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-slate-500 dark:border-slate-800">
            <tr>
              <th scope="col" className="py-2 pr-4 font-medium">Name</th>
              <th scope="col" className="py-2 pr-4 font-medium">Email</th>
              <th scope="col" className="py-2 pr-4 font-medium">Joined</th>
              <th scope="col" className="py-2 font-medium">Role</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-b border-slate-100 dark:border-slate-900">
                <td className="py-2 pr-4">{u.name}{u.id === me.id ? ' (you)' : ''}</td>
                <td className="py-2 pr-4">{u.email}</td>
                <td className="py-2 pr-4">{u.createdAt.toISOString().slice(0, 10)}</td>
                <td className="py-2"><RoleForm userId={u.id} email={u.email} role={u.role} roles={[...ROLES]} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
