import { envWasSet, loadEnvFile, readEnv } from '../runtime/env.js';
import type { Env } from '../runtime/env.js';
import { chooseLogFormat, createLogger } from '../runtime/logger.js';
import { installProcessGuards } from '../runtime/process-guards.js';
import { startServer } from '../runtime/start-server.js';

let env: Env;
try {
  env = readEnv();
} catch (err) {
  createLogger('info', { format: chooseLogFormat(undefined, process.stdout.isTTY) }).fatal(
    { code: 'env.invalid' },
    err instanceof Error ? err.message : String(err),
  );
  process.exit(1);
}
const log = createLogger(env.LOG_LEVEL, { format: chooseLogFormat(env.LOG_FORMAT, process.stdout.isTTY) });
const { envFile } = loadEnvFile();
log.info(
  { envFile },
  envFile ? `read ${envFile} (variables already in the environment win)` : 'no .env file: using the environment only',
);
try {
  const server = await startServer({ env, configExplicit: envWasSet('SUPPORT_CONFIG'), log });
  const drainMs = env.SHUTDOWN_DRAIN_MS;
  let stopping: Promise<void> | null = null;
  const stop = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      log.info({ signal: reason, drainMs }, `shutting down: up to ${drainMs / 1000} s for the work in flight`);
      // A stop that hangs (a platform that never answers) must not outlive the supervisor's patience: past the drain
      // time the process exits with status 1, and every timer and queued message resumes from the database.
      const timer = setTimeout(() => {
        log.error({ code: 'process.drain-timeout', drainMs }, 'still stopping after the drain time: exiting now');
        process.exit(1);
      }, drainMs);
      timer.unref();
      await server.stop();
      clearTimeout(timer);
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
