import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="max-w-xl">
      <h1 className="text-3xl font-bold tracking-tight">Page not found</h1>
      <p className="mt-3 text-slate-600 dark:text-slate-300">There is nothing at this address.</p>
      <Link href="/" className="mt-6 inline-block text-brand-600 underline">Go to the home page</Link>
    </div>
  );
}
