import { envWasSet, readEnv } from './env.js';
import type { Env } from './env.js';
import { createLogger } from './logger.js';
import { startServer } from './start-server.js';

let env: Env;
try {
  env = readEnv();
} catch (err) {
  createLogger('info').fatal({ code: 'env.invalid' }, err instanceof Error ? err.message : String(err));
  process.exit(1);
}
const log = createLogger(env.LOG_LEVEL);
try {
  const server = await startServer({ env, configExplicit: envWasSet('SUPPORT_CONFIG'), log });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await server.stop();
    log.info({}, 'stopped cleanly');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
} catch (err) {
  log.fatal({ code: (err as { code?: string }).code }, err instanceof Error ? err.message : String(err));
  process.exit(1);
}
