import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AuthForm } from '../_components/auth-form';
import { githubSignInEnabled } from '@/lib/auth/providers';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage() {
  return (
    <Suspense>
      <AuthForm mode="sign-in" githubEnabled={await githubSignInEnabled()} />
    </Suspense>
  );
}
