'use client';

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="max-w-xl" role="alert">
      <h1 className="text-3xl font-bold tracking-tight">Something went wrong on our side</h1>
      <p className="mt-3 text-slate-600 dark:text-slate-300">
        We could not load this page — most often because our database is briefly unreachable. Nothing you saved has been
        lost. Try again in a moment.
      </p>
      <button type="button" onClick={reset} className="mt-6 rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
        Try again
      </button>
    </div>
  );
}
