import { envWasSet, readEnv } from './env.js';
import type { Env } from './env.js';
import { createLogger } from './logger.js';
import { installProcessGuards } from './process-guards.js';
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
  let stopping: Promise<void> | null = null;
  const stop = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      log.info({ signal: reason }, 'shutting down');
      await server.stop();
      log.info({}, 'stopped cleanly');
    })();
    return stopping;
  };
  installProcessGuards({ process, log, stop, exit: (code) => process.exit(code) });
  process.on('SIGTERM', () => void stop('SIGTERM').then(() => process.exit(0)));
  process.on('SIGINT', () => void stop('SIGINT').then(() => process.exit(0)));
} catch (err) {
  log.fatal({ code: (err as { code?: string }).code }, err instanceof Error ? err.message : String(err));
  process.exit(1);
}
