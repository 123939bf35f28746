import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/session';
import { attemptsOf, completedLessons } from '@/lib/db';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  const user = await requireUser('/dashboard');
  const [attempts, lessons] = await Promise.all([attemptsOf(user.id), completedLessons(user.id)]);
  return (
    <div className="space-y-10">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">Your dashboard</h1>
        <p className="mt-2 text-slate-600 dark:text-slate-300">
          Signed in as {user.email}. {lessons.length === 1 ? '1 lesson' : `${lessons.length} lessons`} completed.
        </p>
      </div>
      <section aria-labelledby="attempts">
        <h2 id="attempts" className="text-xl font-semibold">Your exercise attempts</h2>
        {attempts.length === 0 ? (
          <p className="mt-3 text-slate-600 dark:text-slate-300" data-testid="no-attempts">
            No attempts yet. Head to <Link className="text-brand-600 underline" href="/practice">Practice</Link> to run your first Pod.
          </p>
        ) : (
          <div className="mt-3 overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="attempts">
              <thead className="border-b border-slate-200 text-slate-500 dark:border-slate-800">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">Exercise</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Result</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Score</th>
                  <th scope="col" className="py-2 font-medium">When</th>
                </tr>
              </thead>
              <tbody>
                {attempts.map((a) => (
                  <tr key={a.id} className="border-b border-slate-100 dark:border-slate-900">
                    <td className="py-2 pr-4 font-mono">{a.exerciseId}</td>
                    <td className="py-2 pr-4">{a.passed ? 'Passed' : 'Not yet'}</td>
                    <td className="py-2 pr-4">{Math.round(a.score * 100)}%</td>
                    <td className="py-2"><time dateTime={a.createdAt.toISOString()}>{a.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC</time></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
