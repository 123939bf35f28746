import type { Metadata } from 'next';
import './globals.css';
import { Providers } from './providers';
import { SiteHeader } from './_components/site-header';

export const metadata: Metadata = {
  title: { default: 'PodLab — learn how Kubernetes runs Pods', template: '%s · PodLab' },
  description:
    'A course on Kubernetes Pods with runnable exercises: write a manifest and watch a simulated cluster schedule, start, probe and restart it.',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-screen bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <Providers>
          <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900">
            Skip to content
          </a>
          <SiteHeader />
          <main id="main" className="mx-auto w-full max-w-6xl px-4 py-10 sm:px-6">
            {children}
          </main>
          <footer className="border-t border-slate-200 py-8 text-center text-sm text-slate-500 dark:border-slate-800 dark:text-slate-400">
            PodLab — a course on how Kubernetes runs Pods.
          </footer>
        </Providers>
      </body>
    </html>
  );
}
