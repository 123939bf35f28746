import Link from 'next/link';
import { currentUserOrNull } from '@/lib/auth/session';
import { ThemeToggle } from './theme-toggle';
import { SignOutButton } from './sign-out-button';
import { NavLinks } from './nav-links';

export async function SiteHeader() {
  const { user, databaseDown } = await currentUserOrNull();
  return (
    <header className="border-b border-slate-200 bg-white/80 backdrop-blur dark:border-slate-800 dark:bg-slate-950/80">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3 sm:px-6">
        <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight">
          <span aria-hidden className="inline-block h-6 w-6 rounded-md bg-brand-600" />
          PodLab
        </Link>
        <nav aria-label="Main" className="order-3 w-full sm:order-none sm:w-auto">
          <NavLinks showAdmin={user?.role === 'admin'} />
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <ThemeToggle />
          {user ? (
            <>
              <span className="hidden text-slate-600 sm:inline dark:text-slate-300" data-testid="signed-in-as">
                {user.name} <span className="text-slate-400">({user.role})</span>
              </span>
              <SignOutButton />
            </>
          ) : (
            <>
              <Link href="/sign-in" className="rounded-md px-3 py-1.5 hover:bg-slate-100 dark:hover:bg-slate-800">
                Sign in
              </Link>
              <Link href="/sign-up" className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700">
                Sign up
              </Link>
            </>
          )}
        </div>
      </div>
      {databaseDown ? (
        <p role="alert" className="bg-amber-100 px-4 py-2 text-center text-sm text-amber-900 dark:bg-amber-900/40 dark:text-amber-100">
          We cannot reach our database right now: you can browse, but signing in and saving progress are unavailable.
        </p>
      ) : null}
    </header>
  );
}
