import Link from 'next/link';

export default function Forbidden() {
  return (
    <div className="max-w-xl">
      <h1 className="text-3xl font-bold tracking-tight">You don&apos;t have access to this page</h1>
      <p className="mt-3 text-slate-600 dark:text-slate-300">
        This page is for another role. If you think you should have access, ask an admin of this PodLab.
      </p>
      <Link href="/dashboard" className="mt-6 inline-block text-brand-600 underline">Back to your dashboard</Link>
    </div>
  );
}
