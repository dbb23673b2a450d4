import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { accessSync, chmodSync, chownSync, constants, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';

/**
 * A private Dovecot IMAP server on 127.0.0.1 for tests: its own config file, sockets, state, log and maildir in a
 * fresh temp folder (nothing in /etc/dovecot is read, nothing in /etc or /var/run is written), plaintext auth with
 * one passwd-file user, no TLS. Debian's package is enough: `apt-get install -y dovecot-imapd`.
 *
 * As root (CI), Dovecot refuses mail access and login processes as root, so the Debian accounts the package
 * creates are used: `dovecot` (internal services and mail files) and `dovenull` (the chrooted login process).
 * As any other user, every service, the login process and the mail files run as that user, without chroot.
 */

export const DOVECOT_INSTALL_HINT = 'install dovecot-imapd (apt-get install -y dovecot-imapd)';

export interface DovecotOptions {
  /** Login name of the single mail user (default support@desk.test). */
  user?: string;
  /** Its password (default desk-secret). */
  password?: string;
  /** A fixed port; by default a free one is chosen (and another one tried if it is taken meanwhile). */
  port?: number;
  /** Milliseconds to wait for the `* OK` greeting (default 15 000). */
  startTimeoutMs?: number;
  /** Extra lines appended to dovecot.conf (e.g. `imap_idle_notify_interval = 5 secs`). */
  extraConfig?: string;
}

export interface DovecotServer {
  host: string;
  port: number;
  user: string;
  password: string;
  /** The temp folder holding dovecot.conf, dovecot.log, users, run/, state/ and mail/. */
  dir: string;
  configPath: string;
  logPath: string;
  /** The user's maildir (`mail_location = maildir:<dir>/mail/%u`). */
  maildir: string;
  /** Whether the master process is running. */
  readonly running: boolean;
  /** Stop Dovecot (SIGTERM, then SIGKILL after 5 s) and wait for it; keeps the folder so restart() can resume. */
  stop(): Promise<void>;
  /** Stop (if running), then start again on the same port with the same maildir, index and UIDVALIDITY. */
  restart(): Promise<void>;
  /** SIGKILL the master (a crash); its children exit on their own. restart() brings it back. */
  kill9(): Promise<void>;
  /** Stop and delete the temp folder. */
  dispose(): Promise<void>;
  /** The whole Dovecot log so far. */
  log(): string;
}

const DOVECOT_CANDIDATES = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'];

/** The path of the dovecot binary ($DOVECOT_BIN, /usr/sbin/dovecot, or on $PATH), or undefined. */
export function dovecotBinary(): string | undefined {
  const fromEnv = process.env.DOVECOT_BIN;
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  const candidates = [...(fromEnv ? [fromEnv] : []), ...DOVECOT_CANDIDATES, ...dirs.map((d) => join(d, 'dovecot'))];
  return candidates.find((path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** True when the dovecot binary is installed. A test should fail (not skip) with DOVECOT_INSTALL_HINT otherwise. */
export function dovecotAvailable(): boolean {
  return dovecotBinary() !== undefined;
}

/** A port that was free a moment ago on 127.0.0.1 (bind port 0, read it, close). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface Account {
  name: string;
  uid: number;
  gid: number;
}

function lookupAccount(name: string): Account | undefined {
  try {
    const line = execFileSync('getent', ['passwd', name], { encoding: 'utf8' }).trim();
    const [user, , uid, gid] = line.split(':');
    if (!user || uid === undefined || gid === undefined) return undefined;
    return { name: user, uid: Number(uid), gid: Number(gid) };
  } catch {
    return undefined;
  }
}

function groupName(gid: number): string {
  try {
    return execFileSync('getent', ['group', String(gid)], { encoding: 'utf8' }).split(':')[0] || String(gid);
  } catch {
    return String(gid);
  }
}

interface Identity {
  internalUser: string;
  internalGroup: string;
  loginUser: string;
  mail: Account;
  root: boolean;
}

function identity(): Identity {
  const me = userInfo();
  if (me.uid !== 0) {
    const group = groupName(me.gid);
    return {
      internalUser: me.username,
      internalGroup: group,
      loginUser: me.username,
      mail: { name: me.username, uid: me.uid, gid: me.gid },
      root: false,
    };
  }
  const dovecot = lookupAccount('dovecot');
  const dovenull = lookupAccount('dovenull');
  const nobody = lookupAccount('nobody');
  const internal = dovecot ?? nobody;
  const login = dovenull ?? nobody;
  if (!internal || !login) {
    throw new Error(`startDovecot: as root it needs the 'dovecot' and 'dovenull' accounts; ${DOVECOT_INSTALL_HINT}`);
  }
  return {
    internalUser: internal.name,
    internalGroup: groupName(internal.gid),
    loginUser: login.name,
    mail: internal,
    root: true,
  };
}

function renderConfig(dir: string, port: number, id: Identity, extra: string | undefined): string {
  // Without root there is no chroot; with root the login process keeps Dovecot's default chroot (run/login).
  const noChroot = id.root
    ? ''
    : ['anvil', 'ipc', 'old-stats', 'imap-urlauth-login', 'aggregator', 'director']
        .map((service) => `service ${service} {\n  chroot =\n}\n`)
        .join('');
  const nonRootServices = id.root ? '' : `service auth-worker {\n  user = ${id.internalUser}\n}\n`;
  return `# Private test Dovecot, written by test/support/mail/start-dovecot.ts. Includes nothing from /etc/dovecot.
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
info_log_path = ${dir}/dovecot.log
debug_log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_verbose = yes
default_internal_user = ${id.internalUser}
default_internal_group = ${id.internalGroup}
default_login_user = ${id.loginUser}
mail_uid = ${id.mail.uid}
mail_gid = ${id.mail.gid}
first_valid_uid = 1
first_valid_gid = 0
mail_location = maildir:${dir}/mail/%u
# IDLE is on by default; notice other connections' appends within a second even without inotify.
mailbox_idle_check_interval = 1 secs
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = passwd-file
  args = username_format=%u ${dir}/users
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
${id.root ? '' : '  chroot =\n'}}
${noChroot}${nonRootServices}${extra ? `${extra}\n` : ''}`;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // Never leave a Dovecot behind when the test process ends without calling stop().
    process.once('exit', () => {
      for (const c of running) c.kill('SIGKILL');
    });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Connect once and read the greeting line; resolves it, or undefined if the connection fails. */
function greeting(host: string, port: number, timeoutMs = 1000): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let buffer = '';
    const done = (value: string | undefined) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    socket.on('error', () => done(undefined));
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      const lines = buffer.split('\r\n');
      // Dovecot may first say "* OK Waiting for authentication process to respond.." then the real greeting.
      const ready = lines.find((l) => l.startsWith('* OK') && !/Waiting for authentication/i.test(l));
      if (ready) done(ready);
    });
    socket.on('close', () => done(undefined));
  });
}

function tail(text: string, lines = 25): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** Start a private Dovecot; see DovecotServer. Throws with the log's tail if it does not answer `* OK` in time. */
export async function startDovecot(options: DovecotOptions = {}): Promise<DovecotServer> {
  const binary = dovecotBinary();
  if (!binary) throw new Error(`dovecot is not installed: ${DOVECOT_INSTALL_HINT}`);
  const host = '127.0.0.1';
  const user = options.user ?? 'support@desk.test';
  const password = options.password ?? 'desk-secret';
  if (/[:\s]/.test(user) || /[\n\r]/.test(password)) throw new Error('startDovecot: user/password unsuitable');
  const startTimeoutMs = options.startTimeoutMs ?? 15_000;
  const id = identity();

  const dir = mkdtempSync(join(tmpdir(), 'dovecot-'));
  const configPath = join(dir, 'dovecot.conf');
  const logPath = join(dir, 'dovecot.log');
  const maildir = join(dir, 'mail', user);
  for (const sub of ['run', 'state', 'mail']) mkdirSync(join(dir, sub));
  // passwd-file: user:password:uid:gid:gecos:home:shell:extra (uid/gid come from mail_uid/mail_gid).
  writeFileSync(join(dir, 'users'), `${user}:{PLAIN}${password}::::${maildir}::\n`, { mode: 0o644 });
  writeFileSync(logPath, '');
  if (id.root) {
    // Auth (as `dovecot`) reads users; mail processes (as `dovecot`) write mail/ and state/.
    chmodSync(dir, 0o755);
    chownSync(join(dir, 'mail'), id.mail.uid, id.mail.gid);
  }

  let port = options.port ?? (await freePort(host));
  let child: ChildProcess | undefined;
  let output = '';

  const readLog = () => {
    try {
      return readFileSync(logPath, 'utf8');
    } catch {
      return '';
    }
  };

  async function stopProcess(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) {
      child = undefined;
      return;
    }
    const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    c.kill(signal);
    const timer = setTimeout(() => c.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    child = undefined;
    // The master is gone; wait until its listener is closed too (children exit once the master pipe closes).
    for (let i = 0; i < 50 && (await greeting(host, port, 200)) !== undefined; i++) await sleep(50);
  }

  /** One start attempt; 'in-use' when the port was taken (someone else bound it after freePort). */
  async function startOnce(): Promise<'ok' | 'in-use'> {
    writeFileSync(configPath, renderConfig(dir, port, id, options.extraConfig));
    const logStart = readLog().length;
    output = '';
    const c = spawn(binary!, ['-F', '-c', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    track(c);
    c.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    c.stderr?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    let spawnError: Error | undefined;
    c.once('error', (err) => {
      spawnError = err;
    });
    const deadline = Date.now() + startTimeoutMs;
    while (Date.now() < deadline) {
      if (spawnError) throw new Error(`startDovecot: could not run ${binary}: ${spawnError.message}`);
      const newLog = readLog().slice(logStart) + output;
      if (c.exitCode !== null || c.signalCode !== null) {
        child = undefined;
        if (/Address already in use/i.test(newLog)) return 'in-use';
        throw new Error(
          `Dovecot exited during startup (code ${c.exitCode ?? c.signalCode}); ${configPath}, log tail:\n${tail(newLog)}`,
        );
      }
      if (/Address already in use/i.test(newLog)) {
        await stopProcess('SIGKILL');
        return 'in-use';
      }
      const line = await greeting(host, port, 500);
      if (line) return 'ok';
      await sleep(50);
    }
    await stopProcess('SIGKILL');
    throw new Error(
      `Dovecot did not answer "* OK" on ${host}:${port} within ${startTimeoutMs} ms; ${configPath}, log tail:\n${tail(readLog().slice(logStart) + output)}`,
    );
  }

  async function start(fixedPort: boolean): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const result = await startOnce();
      if (result === 'ok') return;
      if (attempt >= 10) throw new Error(`Dovecot: port ${port} stayed in use; log tail:\n${tail(readLog())}`);
      if (fixedPort) await sleep(200);
      else port = await freePort(host);
    }
  }

  try {
    await start(options.port !== undefined);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }

  return {
    host,
    get port() {
      return port;
    },
    user,
    password,
    dir,
    configPath,
    logPath,
    maildir,
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    stop: () => stopProcess(),
    async restart() {
      await stopProcess();
      await start(true);
    },
    async kill9() {
      await stopProcess('SIGKILL');
    },
    async dispose() {
      await stopProcess();
      rmSync(dir, { recursive: true, force: true });
    },
    log: readLog,
  };
}
