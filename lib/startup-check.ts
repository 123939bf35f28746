// A bad configuration stops the server at start with one clear line, not on the first request.
import { ConfigError, env } from './env';

try {
  env();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`[podlab] ${error.message}`);
  process.exit(1);
}
