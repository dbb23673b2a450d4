import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import type { Logger } from '../../core/index.js';

export interface SmtpReceiverOptions {
  host: string;
  port: number;
  /** Larger mail is refused with 552 (announced in EHLO as SIZE, checked again while reading). */
  maxBytes: number;
  /** Accepted recipients (lower-case); any other RCPT TO gets 550. */
  recipients: readonly string[];
  /** The name in the greeting. */
  hostname?: string | undefined;
}

export interface SmtpReceiverDeps {
  /** Commit one mail; resolves once it is stored. A rejection answers 451, so the sending server retries later. */
  take(raw: Buffer, envelope: { from: string | null; to: string[] }): Promise<unknown>;
  log: Logger;
}

export interface SmtpReceiver {
  /** Resolves with the port it listens on (useful with port 0). */
  start(): Promise<number>;
  stop(): Promise<void>;
}

/** An SMTPServer error with the reply code the client sees. */
function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

async function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Receives mail directly (behind an MX record or a relay that forwards to it). The desk answers `250 OK` only after
 * `take` has committed the mail, so an accepted mail is never lost; a failure answers 451 and the sender retries (the
 * Message-ID makes a retry of a mail that was in fact stored a no-op). Plain SMTP without AUTH: put it behind your MX or
 * relay, or on a private network; TLS is the relay's job.
 */
export function createSmtpReceiver(options: SmtpReceiverOptions, deps: SmtpReceiverDeps): SmtpReceiver {
  const log = deps.log.child({ component: 'smtp-receiver' });
  const recipients = new Set(options.recipients.map((r) => r.toLowerCase()));
  const server = new SMTPServer({
    name: options.hostname,
    size: options.maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    // On stop, open sessions get 421 after 2 s (smtp-server waits 30 s, past SHUTDOWN_DRAIN_MS); the sender retries.
    closeTimeout: 2_000,
    onRcptTo(address, _session, callback) {
      if (recipients.has(address.address.toLowerCase())) callback();
      else callback(smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`));
    },
    onData(stream, session, callback) {
      readAll(stream)
        .then(async (raw) => {
          if (stream.sizeExceeded) {
            log.warn({ bytes: raw.length, max: options.maxBytes }, 'mail refused: too large');
            return callback(smtpError(552, `5.3.4 Message too big: the limit is ${options.maxBytes} bytes`));
          }
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
          await deps.take(raw, { from, to: session.envelope.rcptTo.map((r) => r.address) });
          callback();
        })
        .catch((err: unknown) => {
          log.error({ err: String(err) }, 'mail not stored: answered 451 so the sender retries');
          callback(smtpError(451, '4.3.0 Temporary failure: try again later'));
        });
    },
  });
  server.on('error', (err) => log.warn({ err: String(err) }, 'SMTP receiver error'));

  return {
    start() {
      return new Promise((resolve, reject) => {
        server.server.once('error', reject);
        server.listen(options.port, options.host, () => {
          server.server.off('error', reject);
          const port = (server.server.address() as AddressInfo).port;
          log.info({ host: options.host, port }, 'receiving mail');
          resolve(port);
        });
      });
    },
    stop() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
