import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The production path of docs/deploy.md: `npm run build` to dist/, the desk run by `node` on the JavaScript (as the
 * systemd unit and the Dockerfile run it) and by `npm start`, stopped by SIGTERM to the PID, with a .env file in its
 * working directory; a backup of its live database; the systemd unit checked against the build.
 */
const root = resolve(import.meta.dirname, '../..');
const dist = join(root, 'dist');
const dir = mkdtempSync(join(tmpdir(), 'desk-build-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

beforeAll(() => {
  const built = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
  expect(built.status, `${built.stdout}\n${built.stderr}`).toBe(0);
}, 180_000);

const freePort = () =>
  new Promise<number>((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });

const portOpen = (port: number) =>
  new Promise<boolean>((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });

/** A config whose knowledge folder is absolute, so the desk can run from any working directory. */
function writeConfig(path: string) {
  const text = readFileSync(join(root, 'support.config.example.yaml'), 'utf8').replace(
    /^(\s*dir:)\s*knowledge\/articles/m,
    `$1 ${join(root, 'knowledge/articles')}`,
  );
  writeFileSync(path, text);
}

/** The environment minus every variable the desk reads, so only what a test sets applies. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  const desk =
    /^(PORT|HOST|DATABASE_PATH|SUPPORT_CONFIG|LOG_LEVEL|LOG_FORMAT|ENV_FILE|MODEL_CACHE_PATH|DASHBOARD_TOKEN|ANALYSIS_WORKERS|SHUTDOWN_DRAIN_MS|TRUST_PROXY_HOPS|(SLACK|DISCORD|GITHUB|EMAIL)_.*)$/;
  for (const [k, v] of Object.entries(process.env)) if (!desk.test(k)) env[k] = v;
  return { ...env, ...extra };
}

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal, at: performance.now() })),
  );
  const waitFor = async (text: string, ms = 90_000) => {
    const deadline = Date.now() + ms;
    while (!out.includes(text) && Date.now() < deadline && child.exitCode === null)
      await new Promise((r) => setTimeout(r, 50));
    expect(out, out).toContain(text);
  };
  return { child, exited, waitFor, output: () => out };
}

const lines = (out: string) =>
  out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown> & { msg: string });

describe('npm run build', () => {
  it('compiles the desk to dist/ with the files it reads at run time, and no tests', () => {
    for (const entry of [
      'scripts/start.js',
      'scripts/backup.js',
      'scripts/migrate.js',
      'runtime/analysis/analyzer-worker.js',
      'data/training/intents.yaml',
    ])
      expect(existsSync(join(dist, entry)), entry).toBe(true);
    const sql = (d: string) =>
      readdirSync(d)
        .filter((n) => n.endsWith('.sql'))
        .sort();
    expect(sql(join(dist, 'data/migrations'))).toEqual(sql(join(root, 'data/migrations')));
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(JSON.parse(readFileSync(join(dist, 'package.json'), 'utf8'))).toMatchObject({
      version: pkg.version,
      type: 'module',
    });
    const all = readdirSync(dist, { recursive: true }) as string[];
    expect(all.filter((f) => f.endsWith('.test.js'))).toEqual([]);
  });
});

describe('node dist/scripts/start.js', () => {
  it('reads .env from its working directory (the real environment wins), serves, takes a backup while running, and stops on SIGTERM within the drain time', async () => {
    const cwd = join(dir, 'direct');
    rmSync(cwd, { recursive: true, force: true });
    spawnSync('mkdir', ['-p', cwd]);
    writeConfig(join(cwd, 'support.config.yaml'));
    const port = await freePort();
    const token = 'token-from-the-env-file-7f3a9c2e';
    writeFileSync(
      join(cwd, '.env'),
      [
        `PORT=${port}`,
        'HOST=127.0.0.1',
        `DASHBOARD_TOKEN=${token}`,
        `DATABASE_PATH=${join(cwd, 'from-env-file.sqlite')}`,
        `MODEL_CACHE_PATH=${join(cwd, 'model.json')}`,
        'ANALYSIS_WORKERS=1',
        'SHUTDOWN_DRAIN_MS=5000',
        'SLACK_BOT_TOKEN=',
      ].join('\n'),
    );
    // DATABASE_PATH is in both: the real environment's value must win.
    const desk = run(process.execPath, [join(dist, 'scripts/start.js')], {
      cwd,
      env: cleanEnv({ DATABASE_PATH: join(cwd, 'from-real-env.sqlite') }),
    });
    await desk.waitFor('support desk listening');
    const log = lines(desk.output());
    expect(log.find((l) => 'envFile' in l)).toMatchObject({ envFile: join(cwd, '.env') });
    expect(log.find((l) => l.msg.startsWith('support desk listening'))).toMatchObject({ port });
    expect(existsSync(join(cwd, 'from-real-env.sqlite'))).toBe(true);
    expect(existsSync(join(cwd, 'from-env-file.sqlite'))).toBe(false);
    expect(
      log.some((l) => l.level === 50 || l.level === 60),
      desk.output(),
    ).toBe(false); // the compiled analyzer worker started

    const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as {
      status: string;
      version: string;
    };
    expect(health).toMatchObject({ status: 'ok', version: '0.1.0' });
    expect((await fetch(`http://127.0.0.1:${port}/api/metrics`)).status).toBe(401);
    expect(
      (await fetch(`http://127.0.0.1:${port}/api/metrics`, { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(200);

    // The backup command from the build, on the database the desk has open.
    const copy = join(cwd, 'backup.sqlite');
    const backup = spawnSync(process.execPath, [join(dist, 'scripts/backup.js'), '--to', copy], {
      cwd,
      env: cleanEnv({ DATABASE_PATH: join(cwd, 'from-real-env.sqlite') }),
      encoding: 'utf8',
    });
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/integrity ok/);
    const db = new Database(copy, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(
      (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'tickets'").get() as { n: number }).n,
    ).toBe(1);
    db.close();

    const sent = performance.now();
    process.kill(desk.child.pid!, 'SIGTERM');
    const { code, at } = await desk.exited;
    expect(code).toBe(0);
    expect(at - sent).toBeLessThan(5_000);
    expect(lines(desk.output()).find((l) => l.signal === 'SIGTERM')).toMatchObject({ drainMs: 5000 });
    expect(desk.output()).toContain('stopped cleanly');
    expect(await portOpen(port)).toBe(false);
  }, 150_000);
});

describe('npm start', () => {
  it("runs the build with node in place of its shell, so SIGTERM to npm's PID stops the desk (no orphan left serving)", async () => {
    const cwd = join(dir, 'npm');
    spawnSync('mkdir', ['-p', cwd]);
    writeConfig(join(cwd, 'support.config.yaml'));
    const port = await freePort();
    writeFileSync(
      join(cwd, 'desk.env'),
      [
        `PORT=${port}`,
        'HOST=127.0.0.1',
        `DATABASE_PATH=${join(cwd, 'd.sqlite')}`,
        `SUPPORT_CONFIG=${join(cwd, 'support.config.yaml')}`,
        `MODEL_CACHE_PATH=${join(cwd, 'model.json')}`,
        'ANALYSIS_WORKERS=0',
      ].join('\n'),
    );
    const npm = run('npm', ['start', '--silent'], { cwd: root, env: cleanEnv({ ENV_FILE: join(cwd, 'desk.env') }) });
    await npm.waitFor('support desk listening');
    expect(await portOpen(port)).toBe(true);
    const sent = performance.now();
    process.kill(npm.child.pid!, 'SIGTERM');
    const { code, at } = await npm.exited;
    expect(code).toBe(0);
    expect(at - sent).toBeLessThan(8_000);
    expect(npm.output()).toContain('stopped cleanly');
    expect(await portOpen(port)).toBe(false);
  }, 150_000);
});

describe('deploy/support-desk.service', () => {
  const unit = readFileSync(join(root, 'deploy/support-desk.service'), 'utf8');
  const settings = (key: string) => [...unit.matchAll(new RegExp(`^${key}=(.*)$`, 'gm'))].map((m) => m[1]!);

  it('starts the built desk with node, stops it with SIGTERM and waits longer than the drain time', () => {
    const [exec] = settings('ExecStart');
    const [workingDirectory] = settings('WorkingDirectory');
    expect(exec).toMatch(/^\/usr\/bin\/node (--[\w-]+ )*\/opt\/support-desk\/dist\/scripts\/start\.js$/);
    const script = exec!.split(' ').at(-1)!;
    expect(existsSync(join(dist, script.replace(`${workingDirectory}/dist/`, '')))).toBe(true);
    expect(settings('KillSignal')).toEqual(['SIGTERM']);
    const environment = Object.fromEntries(settings('Environment').map((e) => e.split('=', 2) as [string, string]));
    expect(environment.DATABASE_PATH).toMatch(/^\/var\/lib\/support-desk\//);
    expect(environment.MODEL_CACHE_PATH).toMatch(/^\/var\/lib\/support-desk\//);
    const drainMs = Number(environment.SHUTDOWN_DRAIN_MS ?? 8_000);
    expect(Number(settings('TimeoutStopSec')[0]) * 1000).toBeGreaterThan(drainMs);
    expect(settings('ReadWritePaths')).toEqual(['/var/lib/support-desk']);
  });

  it.skipIf(spawnSync('systemd-analyze', ['--version']).status !== 0)(
    'passes systemd-analyze verify, with its paths pointed at this build',
    () => {
      const local = join(dir, 'support-desk.service');
      writeFileSync(join(dir, 'env'), '');
      writeFileSync(
        local,
        unit
          .replaceAll('/usr/bin/node', process.execPath)
          .replaceAll('/opt/support-desk', root)
          .replaceAll('/etc/support-desk/env', join(dir, 'env'))
          .replace(/^User=.*$/m, 'User=root')
          .replace(/^Group=.*$/m, 'Group=root'),
      );
      const verified = spawnSync('systemd-analyze', ['verify', local], { encoding: 'utf8' });
      expect(verified.status, verified.stderr).toBe(0);
      expect(verified.stderr.split('\n').filter((l) => l.includes('support-desk.service'))).toEqual([]);
    },
  );
});
