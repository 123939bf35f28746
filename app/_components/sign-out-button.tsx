'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { authClient } from '@/lib/auth/client';

export function SignOutButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await authClient.signOut();
        router.push('/');
        router.refresh();
      }}
      className="rounded-md px-3 py-1.5 hover:bg-slate-100 disabled:opacity-60 dark:hover:bg-slate-800"
    >
      Sign out
    </button>
  );
}
