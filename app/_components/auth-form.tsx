'use client';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { authClient } from '@/lib/auth/client';
import { authErrorMessage, safeNextPath, signInSchema, signUpSchema } from '@/lib/auth/forms';

type Mode = 'sign-in' | 'sign-up';

export function AuthForm({ mode, githubEnabled }: { mode: Mode; githubEnabled: boolean }) {
  const router = useRouter();
  const next = safeNextPath(useSearchParams().get('next'));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const values = Object.fromEntries(new FormData(event.currentTarget));
    const parsed = (mode === 'sign-up' ? signUpSchema : signInSchema).safeParse(values);
    if (!parsed.success) {
      setFieldErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setFieldErrors({});
    setPending(true);
    const { error: failure } =
      mode === 'sign-up'
        ? await authClient.signUp.email(parsed.data as { name: string; email: string; password: string })
        : await authClient.signIn.email(parsed.data);
    setPending(false);
    if (failure) {
      setError(authErrorMessage(failure));
      return;
    }
    router.push(next);
    router.refresh();
  }

  const title = mode === 'sign-up' ? 'Create your account' : 'Sign in';
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
        {mode === 'sign-up' ? <Field name="name" label="Name" autoComplete="name" error={fieldErrors.name} /> : null}
        <Field name="email" label="Email" type="email" autoComplete="email" error={fieldErrors.email} />
        <Field
          name="password"
          label="Password"
          type="password"
          autoComplete={mode === 'sign-up' ? 'new-password' : 'current-password'}
          error={fieldErrors.password}
        />
        {error ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
            {error}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={pending}
          className="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {pending ? 'Please wait…' : title}
        </button>
      </form>
      {githubEnabled ? (
        <button
          type="button"
          onClick={() => authClient.signIn.social({ provider: 'github', callbackURL: next })}
          className="mt-3 w-full rounded-md border border-slate-300 px-4 py-2 font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-900"
        >
          Continue with GitHub
        </button>
      ) : null}
      <p className="mt-6 text-sm text-slate-600 dark:text-slate-400">
        {mode === 'sign-up' ? (
          <>Already have an account? <Link className="text-brand-600 underline" href={`/sign-in?next=${encodeURIComponent(next)}`}>Sign in</Link></>
        ) : (
          <>New to PodLab? <Link className="text-brand-600 underline" href={`/sign-up?next=${encodeURIComponent(next)}`}>Create an account</Link></>
        )}
      </p>
    </div>
  );
}

function Field({ name, label, error, ...input }: { name: string; label: string; error?: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  const id = `field-${name}`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-900"
        {...input}
      />
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </div>
  );
}
