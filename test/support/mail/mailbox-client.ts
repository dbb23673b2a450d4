import { ImapFlow } from 'imapflow';
import type { ImapFlowOptions } from 'imapflow';

/**
 * Test-side IMAP helpers (imapflow) for a mailbox on the private Dovecot: put mail in with APPEND (so the test
 * controls flags, dates and UIDs), read back UIDs and flags, create folders. Each helper opens its own short
 * connection, so it never shares state with the desk's IMAP client under test.
 */

/** What the helpers need from a server: a DovecotServer fits. */
export interface ImapAccount {
  host: string;
  port: number;
  user: string;
  password: string;
}

export interface ListedMail {
  uid: number;
  /** Flags such as `\Seen`, `\Flagged`, custom keywords; not `\Recent` (it depends on which session looks). */
  flags: string[];
  subject: string;
  /** The Message-ID header with its angle brackets, or '' if the message has none. */
  messageId: string;
}

/** An ImapFlow for the account: plaintext on loopback, no STARTTLS, silent, not yet connected. */
export function imapClient(server: ImapAccount, options: Partial<ImapFlowOptions> = {}): ImapFlow {
  return new ImapFlow({
    host: server.host,
    port: server.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: server.user, pass: server.password },
    logger: false,
    ...options,
  });
}

/** Connect, run `fn`, always log out (or close the socket if LOGOUT fails). */
export async function withImap<T>(server: ImapAccount, fn: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = imapClient(server);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/**
 * APPEND a raw RFC 5322 message (CRLF or LF line ends; Dovecot stores what it gets) to a mailbox (INBOX by
 * default), with optional flags (e.g. ['\\Seen']) and internal date. Returns the APPENDUID (Dovecot has UIDPLUS).
 */
export async function appendMail(
  server: ImapAccount,
  raw: string | Buffer,
  options: { flags?: string[]; date?: Date; mailbox?: string } = {},
): Promise<{ uid: number; uidValidity: bigint }> {
  const mailbox = options.mailbox ?? 'INBOX';
  return withImap(server, async (client) => {
    const result = await client.append(mailbox, raw, options.flags ?? [], options.date);
    if (!result || result.uid === undefined || result.uidValidity === undefined) {
      throw new Error(`APPEND to ${mailbox} returned no APPENDUID (${JSON.stringify(result, (_k, v) => String(v))})`);
    }
    return { uid: result.uid, uidValidity: result.uidValidity };
  });
}

/** Every message in the mailbox in UID order, with its flags, subject and Message-ID. Opens read-only (EXAMINE). */
export async function listMail(server: ImapAccount, mailbox = 'INBOX'): Promise<ListedMail[]> {
  return withImap(server, async (client) => {
    const box = await client.mailboxOpen(mailbox, { readOnly: true });
    if (box.exists === 0) return [];
    const out: ListedMail[] = [];
    for await (const message of client.fetch('1:*', { uid: true, flags: true, envelope: true }, { uid: false })) {
      out.push({
        uid: message.uid,
        flags: [...(message.flags ?? [])].filter((f) => f !== '\\Recent').sort(),
        subject: message.envelope?.subject ?? '',
        messageId: message.envelope?.messageId ?? '',
      });
    }
    return out.sort((a, b) => a.uid - b.uid);
  });
}

/** The mailbox's UIDVALIDITY, UIDNEXT and message count (STATUS, no SELECT). */
export async function mailboxStatus(
  server: ImapAccount,
  mailbox = 'INBOX',
): Promise<{ uidValidity: bigint; uidNext: number; messages: number }> {
  return withImap(server, async (client) => {
    const status = await client.status(mailbox, { uidValidity: true, uidNext: true, messages: true });
    if (!status) throw new Error(`STATUS ${mailbox} failed`);
    return { uidValidity: status.uidValidity ?? 0n, uidNext: status.uidNext ?? 0, messages: status.messages ?? 0 };
  });
}

/** Create a mailbox (folder), e.g. 'Processed' or 'Archive/2026'; no error if it exists already. */
export async function createMailbox(server: ImapAccount, name: string): Promise<void> {
  await withImap(server, async (client) => {
    await client.mailboxCreate(name);
  });
}
