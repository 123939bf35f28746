import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Practice' };

export default function PracticePage() {
  return (
    <div className="max-w-2xl">
      <h1 className="text-3xl font-bold tracking-tight">Practice</h1>
      <p className="mt-3 text-slate-600 dark:text-slate-300">
        Runnable exercises: you write a Pod manifest, and kubesim — our simulated cluster — validates, schedules and runs
        it, then grades what happened. The exercises open here as the course modules are published.
      </p>
    </div>
  );
}
