'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/learn', label: 'Learn' },
  { href: '/practice', label: 'Practice' },
  { href: '/interview', label: 'Interview prep' },
  { href: '/dashboard', label: 'Dashboard' },
];

export function NavLinks({ showAdmin }: { showAdmin: boolean }) {
  const pathname = usePathname();
  const links = showAdmin ? [...LINKS, { href: '/admin', label: 'Admin' }] : LINKS;
  return (
    <ul className="flex flex-wrap gap-1 text-sm">
      {links.map(({ href, label }) => {
        const current = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <li key={href}>
            <Link
              href={href}
              aria-current={current ? 'page' : undefined}
              className={`rounded-md px-3 py-1.5 ${current ? 'bg-brand-50 font-medium text-brand-700 dark:bg-slate-800 dark:text-brand-100' : 'text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800'}`}
            >
              {label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
