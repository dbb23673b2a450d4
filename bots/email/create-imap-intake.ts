import { ImapFlow } from 'imapflow';
import type { EmailStore, Logger } from '../../core/index.js';

export interface ImapIntakeOptions {
  host: string;
  port: number;
  /** TLS from the first byte (993); false: plain, upgraded with STARTTLS when the server offers it. */
  secure: boolean;
  user: string;
  password: string;
  mailbox: string;
  /** Move each committed mail here (created when missing) instead of flagging it \Seen. */
  moveTo?: string | undefined;
  /** Look for mail this often even when IDLE says nothing (servers without IDLE, quiet connections). */
  pollMs: number;
  /** Wait this long before reconnecting after the connection dropped (doubles up to a minute). */
  reconnectMs?: number | undefined;
}

export interface ImapIntakeDeps {
  cursors: Pick<EmailStore, 'getCursor' | 'saveCursor'>;
  /**
   * Store one mail (a ticket opened or joined, or the mail recorded as ignored). Resolves once it is committed;
   * rejects when the desk cannot take it now, and the intake stops the pass and tries again later.
   */
  take(raw: Buffer, uid: number): Promise<unknown>;
  log: Logger;
}

export interface ImapIntake {
  /**
   * Connect (a bad login or an unreachable server rejects here), then take what is waiting and IDLE (or poll) for
   * more. The first pass starts right after, so the caller can register the platform before any mail is handled.
   */
  start(): Promise<void>;
  /** Take every mail past the cursor now; resolves with how many were taken. */
  poll(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * IMAP intake. Each mail is fetched by UID and handed to `take`; only after it is committed is it flagged \Seen (or
 * moved) and the cursor (UIDVALIDITY, last UID) saved. A crash in between re-fetches the mail after restart, and the
 * Message-ID (the event id) makes the second take a no-op: no mail is skipped or taken twice. Without a cursor for the
 * mailbox's UIDVALIDITY (first start, or the server renumbered the mailbox) the intake takes the unseen mail.
 */
export function createImapIntake(options: ImapIntakeOptions, deps: ImapIntakeDeps): ImapIntake {
  const cursorKey = `${options.user}@${options.host}:${options.port}/${options.mailbox}`;
  const log = deps.log.child({ component: 'imap', mailbox: options.mailbox });
  let client: ImapFlow | null = null;
  let stopped = false;
  let running: Promise<number> | null = null;
  let again = false;
  let pollTimer: NodeJS.Timeout | null = null;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let backoff = options.reconnectMs ?? 1_000;

  async function connect(): Promise<ImapFlow> {
    const c = new ImapFlow({
      host: options.host,
      port: options.port,
      secure: options.secure,
      auth: { user: options.user, pass: options.password },
      logger: false,
      // IDLE is restarted every few minutes so a silently dropped connection is noticed.
      maxIdleTime: 5 * 60_000,
      // IDLE from half a second after the last command (imapflow waits 15 s by default), so new mail wakes the intake.
      autoIdleDelay: 500,
    });
    c.on('error', (err: unknown) => log.warn({ err: String(err) }, 'IMAP connection error'));
    c.on('exists', () => kick());
    c.on('close', () => {
      if (client === c) client = null;
      if (!stopped) scheduleReconnect();
    });
    await c.connect();
    await c.mailboxOpen(options.mailbox);
    if (options.moveTo) await c.mailboxCreate(options.moveTo).catch(() => undefined); // exists already
    if (options.moveTo) await c.mailboxOpen(options.mailbox);
    backoff = options.reconnectMs ?? 1_000;
    return c;
  }

  function scheduleReconnect(): void {
    if (reconnectTimer || stopped) return;
    const wait = backoff;
    backoff = Math.min(backoff * 2, 60_000);
    log.info({ inMs: wait }, 'IMAP reconnecting');
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      void ensureClient()
        .then(() => kick())
        .catch((err: unknown) => {
          log.warn({ err: String(err) }, 'IMAP reconnect failed');
          scheduleReconnect();
        });
    }, wait);
    reconnectTimer.unref();
  }

  async function ensureClient(): Promise<ImapFlow> {
    if (client?.usable) return client;
    client = await connect();
    return client;
  }

  /** UIDs to take now, ascending: past the cursor, or the unseen ones when there is no cursor for this UIDVALIDITY. */
  async function pending(c: ImapFlow): Promise<{ uids: number[]; uidValidity: number }> {
    const mailbox = c.mailbox;
    if (!mailbox) throw new Error('IMAP mailbox not open');
    const uidValidity = Number(mailbox.uidValidity);
    const cursor = await deps.cursors.getCursor(cursorKey);
    const found =
      cursor && cursor.uidValidity === uidValidity
        ? await c.search({ uid: `${cursor.lastUid + 1}:*` }, { uid: true })
        : await c.search({ seen: false }, { uid: true });
    const after = cursor && cursor.uidValidity === uidValidity ? cursor.lastUid : 0;
    if (cursor && cursor.uidValidity !== uidValidity)
      log.warn({ was: cursor.uidValidity, now: uidValidity }, 'UIDVALIDITY changed: taking the unseen mail again');
    // `n:*` always includes the newest message, even when its UID is below n.
    const uids = (Array.isArray(found) ? found : []).filter((u) => u > after).sort((a, b) => a - b);
    return { uids, uidValidity };
  }

  async function pass(): Promise<number> {
    const c = await ensureClient();
    const lock = await c.getMailboxLock(options.mailbox);
    let taken = 0;
    try {
      const { uids, uidValidity } = await pending(c);
      for (const uid of uids) {
        if (stopped) break;
        const message = await c.fetchOne(String(uid), { source: true }, { uid: true });
        if (message === false || !message.source) continue; // expunged meanwhile
        await deps.take(message.source, uid);
        if (options.moveTo) await c.messageMove(String(uid), options.moveTo, { uid: true });
        else await c.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
        await deps.cursors.saveCursor({ mailbox: cursorKey, uidValidity, lastUid: uid });
        taken++;
      }
    } finally {
      lock.release();
    }
    if (taken) log.info({ taken }, 'mail taken');
    return taken;
  }

  /** One pass at a time; a kick during a pass runs one more. */
  function poll(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        total += await pass();
      } while (again && !stopped);
      return total;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  function kick(): void {
    if (stopped) return;
    poll().catch((err: unknown) => log.warn({ err: String(err) }, 'IMAP pass failed; trying again later'));
  }

  return {
    async start() {
      stopped = false;
      await ensureClient();
      pollTimer = setInterval(kick, options.pollMs);
      pollTimer.unref();
      setImmediate(kick);
    },
    poll,
    async stop() {
      stopped = true;
      if (pollTimer) clearInterval(pollTimer);
      if (reconnectTimer) clearTimeout(reconnectTimer);
      pollTimer = reconnectTimer = null;
      await running?.catch(() => undefined);
      const c = client;
      client = null;
      await c?.logout().catch(() => c.close());
    },
  };
}
