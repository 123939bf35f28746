import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AuthForm } from '../_components/auth-form';
import { githubSignInEnabled } from '@/lib/auth/providers';

export const metadata: Metadata = { title: 'Create your account' };

export default async function SignUpPage() {
  return (
    <Suspense>
      <AuthForm mode="sign-up" githubEnabled={await githubSignInEnabled()} />
    </Suspense>
  );
}
