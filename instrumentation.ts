// Runs once when the server starts. The check lives in a Node-only module (it may exit the process).
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') await import('./lib/startup-check');
}
