import { type ChildProcess, spawn } from 'node:child_process';

/** Variables that would switch on a platform or feature the caller did not ask for (blank = off). */
const OFF: Record<string, string> = {
  SLACK_BOT_TOKEN: '',
  SLACK_SIGNING_SECRET: '',
  SLACK_APP_TOKEN: '',
  DISCORD_TOKEN: '',
  DISCORD_APPLICATION_ID: '',
  GITHUB_WEBHOOK_SECRET: '',
  GITHUB_TOKEN: '',
  GITHUB_APP_ID: '',
  GITHUB_PRIVATE_KEY: '',
  EMAIL_SMTP_URL: '',
  EMAIL_IMAP_USER: '',
  EMAIL_IMAP_PASSWORD: '',
  DASHBOARD_TOKEN: '',
};

export interface SpawnedDesk {
  name: string;
  child: ChildProcess;
  /** The port it listens on (from its "support desk listening on :PORT" log line). */
  port: number;
  url: string;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Its last `lines` lines of output, for a failure message. */
  tail(lines?: number): string;
  /** Resolves with the exit code (null after a signal) once it has exited. */
  exited: Promise<number | null>;
  /** Whether it is still running. */
  alive(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * `npm start` as a real child process (`node --import tsx scripts/start.ts`, JSON logs), with `env` over the test's
 * environment and every platform not named in `env` switched off. Resolves once it logs that it listens (PORT=0 by
 * default, so the port is read from that line); rejects with its output if it exits or is not up within `timeoutMs`.
 */
export async function spawnDesk(
  name: string,
  env: Record<string, string>,
  options: { timeoutMs?: number; cwd?: string } = {},
): Promise<SpawnedDesk> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, ...OFF, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const tail = (lines = 60) => `--- ${name} (last ${lines} lines) ---\n${out.split('\n').slice(-lines).join('\n')}`;

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let port = 0;
  while (!port) {
    const line = out.split('\n').find((l) => l.includes('support desk listening on'));
    if (line) port = Number(/listening on :(\d+)/.exec(line)?.[1]);
    else if (!alive()) throw new Error(`${name} exited before it listened\n${tail(80)}`);
    else if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not listen within ${options.timeoutMs ?? 60_000} ms\n${tail(80)}`);
    } else await new Promise((r) => setTimeout(r, 50));
  }

  return {
    name,
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    output: () => out,
    tail,
    exited,
    alive,
    async stop(graceMs = 5_000) {
      if (!alive()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        if (alive()) child.kill('SIGKILL');
      }, graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
