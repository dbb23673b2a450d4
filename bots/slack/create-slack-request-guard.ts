import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { HTTPModuleFunctions, verifySlackRequest } from '@slack/bolt';
import type { BufferedIncomingMessage } from '@slack/bolt';
import type { Logger } from '../../core/index.js';
import { checkSlackBody } from './check-slack-body.js';

/** Slack's replay window: a request dated further than this from now, either way, is refused. */
export const MAX_REQUEST_AGE_SEC = 5 * 60;

const FORM = 'application/x-www-form-urlencoded';

function answer(res: ServerResponse, status: 200 | 400 | 401, error?: string): void {
  if (error === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  const text = JSON.stringify({ error });
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Why the request is not Slack's, or null: the v0 signature over the raw body, dated within the window of now. */
function signatureProblem(req: IncomingMessage, rawBody: string, signingSecret: string, nowMs: number): string | null {
  const signature = req.headers['x-slack-signature'];
  const timestamp = req.headers['x-slack-request-timestamp'];
  if (typeof signature !== 'string' || typeof timestamp !== 'string') return 'signature headers missing';
  const ts = Number(timestamp);
  if (!Number.isSafeInteger(ts)) return 'x-slack-request-timestamp is not a number';
  // Bolt refuses only the past; a signature dated in the future would stay replayable until that time.
  if (Math.abs(nowMs / 1000 - ts) > MAX_REQUEST_AGE_SEC)
    return `x-slack-request-timestamp is more than ${MAX_REQUEST_AGE_SEC / 60} minutes from now`;
  try {
    verifySlackRequest({
      signingSecret,
      body: rawBody,
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': ts },
      nowMilliseconds: nowMs,
    });
    return null;
  } catch {
    return 'signature mismatch';
  }
}

/**
 * The route in front of Bolt's HTTPReceiver on the events path. It reads the body once, then:
 * - 401 when the signature is not Slack's or is dated more than 5 minutes from now (past or future, by the wall
 *   clock: signatures are about real time, whatever the desk's clock says);
 * - 400 `{ error }` when the signed body is not a JSON object (`null`, `payload=null`…), on which Bolt 4 throws
 *   outside any catch, an unhandled rejection that would end the process;
 * - 200, acknowledged once and logged, when a signed body's routing fields have the wrong types (`event: null`),
 *   where Bolt would answer 500 and Slack would deliver it three more times;
 * - otherwise Bolt's listener, with the buffered body on `req.rawBody`, which Bolt reads instead of the stream
 *   (it verifies the signature again: harmless, and safe should this route ever be bypassed).
 * `ssl_check=1` form posts go to Bolt as they are: Bolt answers them unsigned and drops anything else in them.
 */
export function createSlackRequestGuard(deps: {
  signingSecret: string;
  listener: (req: IncomingMessage, res: ServerResponse) => void;
  log: Logger;
  wallClock?: () => number;
}) {
  const wallClock = deps.wallClock ?? Date.now;
  const log = deps.log.child({ component: 'slack-events' });
  return async function guardSlackRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let buffered: BufferedIncomingMessage;
    try {
      buffered = await HTTPModuleFunctions.bufferIncomingMessage(req);
    } catch (err) {
      log.warn({ err: String(err) }, 'slack request body could not be read');
      if (!res.headersSent) answer(res, 400, 'the request body could not be read');
      return;
    }
    const rawBody = buffered.rawBody.toString();
    const form = req.headers['content-type'] === FORM;
    if (form && parseQuery(rawBody).ssl_check === '1') {
      deps.listener(buffered, res);
      return;
    }
    const refused = signatureProblem(req, rawBody, deps.signingSecret, wallClock());
    if (refused) {
      log.warn({ reason: refused }, 'slack request refused (401)');
      answer(res, 401, 'the request is not signed by Slack, or not within 5 minutes of now');
      return;
    }
    let body: unknown;
    try {
      body = HTTPModuleFunctions.parseHTTPRequestBody(buffered); // Bolt's own parser, so both read the same thing
    } catch {
      log.warn({ form }, 'signed slack request with an unparsable body refused (400)');
      answer(res, 400, form ? 'the form payload is not JSON' : 'the body is not JSON');
      return;
    }
    const check = checkSlackBody(body);
    if (check.kind === 'not-an-object') {
      log.warn({ form }, 'signed slack request whose body is not a JSON object refused (400)');
      answer(
        res,
        400,
        form ? 'the form is neither a command nor a payload holding a JSON object' : 'the body is not a JSON object',
      );
      return;
    }
    if (check.kind === 'malformed') {
      log.warn({ reason: check.reason }, 'malformed slack request acknowledged and ignored');
      answer(res, 200);
      return;
    }
    deps.listener(buffered, res);
  };
}
