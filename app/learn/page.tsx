import type { Metadata } from 'next';
import { loadCourse } from '@/lib/content/catalogue';

export const metadata: Metadata = { title: 'Learn' };

export default async function LearnPage() {
  const course = await loadCourse();
  return (
    <div>
      <h1 className="text-3xl font-bold tracking-tight">Learn</h1>
      <p className="mt-3 max-w-2xl text-slate-600 dark:text-slate-300">
        The course follows a Pod from the manifest you write to the node it runs on. Take the modules in order, or
        jump to the one you need.
      </p>
      <ol className="mt-8 grid gap-4 md:grid-cols-2">
        {course.modules.map((m, i) => (
          <li key={m.id} id={m.id} className="rounded-xl border border-slate-200 p-5 dark:border-slate-800">
            <p className="text-xs font-medium uppercase tracking-wider text-slate-500">Module {i + 1}</p>
            <h2 className="mt-1 font-semibold">{m.title}</h2>
            <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">{m.summary}</p>
          </li>
        ))}
      </ol>
    </div>
  );
}
