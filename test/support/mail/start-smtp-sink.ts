import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerSession } from 'smtp-server';
import { freePort } from './start-dovecot.js';

/**
 * An SMTP sink on 127.0.0.1 for what the desk sends through nodemailer: auth optional (any credentials pass), no
 * TLS (STARTTLS disabled),
 * records every accepted message in order (envelope, raw bytes, mailparser's parse) and can be told to fail:
 * `failNext(n, 451)` for a temporary failure, 550 for a permanent one, 421 to drop the connection, or
 * `setDown(true)` for a relay that is down (421 to everything, or `setDown(true, 'refuse')`: nothing listening).
 */

export type SmtpFailureCode = 421 | 450 | 451 | 452 | 550 | 551 | 552 | 553 | 554;
/** Where a failure is answered: MAIL FROM, RCPT TO, or after the DATA body (the default). */
export type SmtpFailureStage = 'mail' | 'rcpt' | 'data';

export interface SinkMessage {
  envelope: { from: string; to: string[] };
  /** The message exactly as received after DATA (dot-unstuffed). */
  raw: Buffer;
  parsed: ParsedMail;
  receivedAt: Date;
}

export interface SinkRejection {
  stage: SmtpFailureStage | 'connect';
  code: number;
  message: string;
  from: string;
  to: string[];
}

export interface SmtpSink {
  host: string;
  port: number;
  /** `smtp://127.0.0.1:<port>`, a nodemailer transport URL. */
  url: string;
  /** Accepted messages, in order; a message is in here before the client sees 250 for its DATA. */
  received: SinkMessage[];
  /** Every failure the sink answered, in order (failNext and setDown). */
  rejected: SinkRejection[];
  /** Resolves with `received` once it holds at least n messages; rejects after timeoutMs (default 5000). */
  waitFor(n: number, timeoutMs?: number): Promise<SinkMessage[]>;
  /** The next `count` transactions fail with `code` at `stage` (default 'data'). Counts add up in a queue. */
  failNext(count: number, code: SmtpFailureCode, message?: string, stage?: SmtpFailureStage): void;
  /**
   * down=true: mode '421' (default) greets new connections with 421 and fails RCPT/DATA of open ones with 421;
   * mode 'refuse' closes the listener (connections are refused) and setDown(false) listens again on the same port.
   */
  setDown(down: boolean, mode?: '421' | 'refuse'): Promise<void>;
  /** Forget received and rejected messages and pending failures. */
  reset(): void;
  close(): Promise<void>;
}

interface PendingFailure {
  code: number;
  message: string;
  stage: SmtpFailureStage;
}

function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

function defaultMessage(code: number): string {
  if (code === 421) return 'Service not available, closing transmission channel';
  if (code >= 500) return 'Requested action not taken: mailbox unavailable';
  return 'Requested action aborted: local error in processing, try again later';
}

function envelopeOf(session: SMTPServerSession): { from: string; to: string[] } {
  const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
  return { from, to: session.envelope.rcptTo.map((r) => r.address) };
}

export async function startSmtpSink(options: { port?: number; maxSize?: number } = {}): Promise<SmtpSink> {
  const host = '127.0.0.1';
  const received: SinkMessage[] = [];
  const rejected: SinkRejection[] = [];
  const failures: PendingFailure[] = [];
  const waiters = new Set<() => void>();
  let down: false | '421' | 'refuse' = false;

  /** A failure for this stage: "down" first, then the head of the failNext queue if it targets this stage. */
  function takeFailure(stage: SmtpFailureStage, session: SMTPServerSession): Error | undefined {
    let failure: PendingFailure | undefined;
    if (down === '421' && stage !== 'mail') {
      failure = { code: 421, message: 'Relay is down, try again later', stage };
    } else if (failures[0]?.stage === stage) {
      failure = failures.shift();
    }
    if (!failure) return undefined;
    const envelope = envelopeOf(session);
    rejected.push({ stage, code: failure.code, message: failure.message, ...envelope });
    return smtpError(failure.code, failure.message);
  }

  function createServer(): SMTPServer {
    return new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      // AUTH is optional; if the desk is configured with credentials, any user and password are accepted.
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        callback(null, { user: auth.username ?? 'anonymous' });
      },
      // close() and setDown(true, 'refuse') drop open connections (with a 421) after 200 ms instead of 30 s.
      closeTimeout: 200,
      logger: false,
      banner: 'desk test sink',
      disableReverseLookup: true,
      ...(options.maxSize ? { size: options.maxSize } : {}),
      onConnect(_session, callback) {
        if (down === '421') {
          rejected.push({ stage: 'connect', code: 421, message: 'Relay is down', from: '', to: [] });
          callback(smtpError(421, 'Relay is down, try again later'));
          return;
        }
        callback();
      },
      onMailFrom(_address, session, callback) {
        callback(takeFailure('mail', session) ?? null);
      },
      onRcptTo(_address, session, callback) {
        callback(takeFailure('rcpt', session) ?? null);
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', (err) => callback(err));
        stream.on('end', () => {
          const failure = takeFailure('data', session);
          if (failure) {
            callback(failure);
            return;
          }
          if (stream.sizeExceeded) {
            callback(smtpError(552, 'Message exceeds fixed maximum message size'));
            return;
          }
          const raw = Buffer.concat(chunks);
          simpleParser(raw)
            .then((parsed) => {
              received.push({ envelope: envelopeOf(session), raw, parsed, receivedAt: new Date() });
              for (const wake of [...waiters]) wake();
              callback(null, `Queued as sink-${received.length}`);
            })
            .catch((err: Error) => callback(smtpError(554, `Sink could not parse the message: ${err.message}`)));
        });
      },
    });
  }

  let server = createServer();
  async function listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      server.once('error', onError);
      server.listen(port, host, () => {
        server.off('error', onError);
        server.on('error', () => {});
        const address = server.server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  let port = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      port = await listen(options.port ?? (await freePort(host)));
      break;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' || options.port !== undefined || attempt >= 10) throw err;
      server = createServer();
    }
  }

  let closed = false;
  const closeServer = () => new Promise<void>((resolve) => server.close(() => resolve()));

  return {
    host,
    port,
    url: `smtp://${host}:${port}`,
    received,
    rejected,
    waitFor(n, timeoutMs = 5000) {
      if (received.length >= n) return Promise.resolve(received);
      return new Promise((resolve, reject) => {
        const wake = () => {
          if (received.length < n) return;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(received);
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`SMTP sink: ${received.length} of ${n} messages after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(wake);
      });
    },
    failNext(count, code, message = defaultMessage(code), stage = 'data') {
      for (let i = 0; i < count; i++) failures.push({ code, message, stage });
    },
    async setDown(value, mode = '421') {
      const wasRefusing = down === 'refuse';
      down = value ? mode : false;
      if (closed) return;
      if (down === 'refuse' && !wasRefusing) {
        await closeServer();
      } else if (down !== 'refuse' && wasRefusing) {
        server = createServer();
        for (let attempt = 1; ; attempt++) {
          try {
            await listen(port);
            break;
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 20) throw err;
            server = createServer();
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      }
    },
    reset() {
      received.length = 0;
      rejected.length = 0;
      failures.length = 0;
    },
    async close() {
      if (closed) return;
      closed = true;
      if (down !== 'refuse') await closeServer();
    },
  };
}
