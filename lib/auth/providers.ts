import 'server-only';
import { connection } from 'next/server';

/** Whether GitHub sign-in is configured; read per request so it is not frozen in at build time. */
export async function githubSignInEnabled(): Promise<boolean> {
  await connection();
  return Boolean(process.env.GITHUB_CLIENT_ID && process.env.GITHUB_CLIENT_SECRET);
}
