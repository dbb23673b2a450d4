import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Who the provider signs in at the next /authorize (a test chooses; no login form). */
export interface EmulatedOidcUser {
  sub: string;
  email?: string;
  /** Left out of the claims when undefined (some providers never send it). */
  email_verified?: boolean | string;
  name?: string;
}

export type TokenEndpointAuth = 'client_secret_basic' | 'client_secret_post';

export interface OidcEmulatorOptions {
  clientId: string;
  clientSecret: string;
  /** The registered redirect URIs; may be set after start (`setRedirectUris`), when the desk's port is known. */
  redirectUris?: string[];
  /** The client authentication discovery advertises, and the only one /token accepts. Default client_secret_basic. */
  authMethod?: TokenEndpointAuth;
  /** Where the email claims are: in the ID token (default) or only in the userinfo answer. */
  emailIn?: 'id_token' | 'userinfo';
  user?: EmulatedOidcUser;
}

export interface RecordedOidcCall {
  method: string;
  /** e.g. `/authorize`, `/token`. */
  path: string;
  /** Query (GET) or form (POST) parameters; client_secret redacted. */
  params: Record<string, string>;
  /** How the client authenticated at /token. */
  clientAuth?: 'basic' | 'post' | 'none';
  status: number;
  /** The OAuth error answered, if any (`invalid_grant`…). */
  error?: string;
}

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce: string;
  user: EmulatedOidcUser;
  expiresAt: number;
  used: boolean;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');
const formDecode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));

/** One RSA key pair per test process: making one takes most of a second, and emulators need not differ in it. */
let signingKeys: { privateKey: KeyObject; publicKey: KeyObject } | undefined;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * A loopback OpenID Connect provider with the surface openid-client uses for the authorization-code flow:
 * discovery, JWKS (an RS256 key made at start), /authorize (signs in the preset user at once and redirects back with
 * a code), /token (client authentication as advertised, one use per code, PKCE S256 checked, an ID token signed with
 * the key) and /userinfo. It validates what a real provider does, records every call, and can be taken down.
 */
export async function createOidcEmulator(options: OidcEmulatorOptions) {
  const calls: RecordedOidcCall[] = [];
  const codes = new Map<string, IssuedCode>();
  const accessTokens = new Map<string, EmulatedOidcUser>();
  const authMethod = options.authMethod ?? 'client_secret_basic';
  let redirectUris = options.redirectUris ?? [];
  let user: EmulatedOidcUser | 'deny' = options.user ?? { sub: 'user-1', email: 'user@idp.test', email_verified: true };
  let down = false;
  /** Claims merged into the next ID tokens (a wrong audience, an old exp…), and whether to sign with a stranger's key. */
  let forgery: { claims?: Record<string, unknown>; foreignKey?: boolean } = {};

  signingKeys ??= generateKeyPairSync('rsa', { modulusLength: 2048 });
  const { privateKey, publicKey } = signingKeys;
  /** Made on first use: key generation is the slow part of starting. */
  let foreign: KeyObject | undefined;
  const foreignKey = () => {
    foreign ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    return foreign;
  };
  const kid = `k-${randomBytes(4).toString('hex')}`;
  let issuer = '';

  const signJwt = (claims: Record<string, unknown>, key: KeyObject) => {
    const data = `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }))}.${b64url(JSON.stringify(claims))}`;
    return `${data}.${b64url(sign('sha256', Buffer.from(data), key))}`;
  };
  const emailClaims = (u: EmulatedOidcUser) => ({
    ...(u.email === undefined ? {} : { email: u.email }),
    ...(u.email_verified === undefined ? {} : { email_verified: u.email_verified }),
    ...(u.name === undefined ? {} : { name: u.name }),
  });

  const answer = (
    res: ServerResponse,
    call: Omit<RecordedOidcCall, 'status' | 'error'>,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    const error = (body as { error?: unknown } | null)?.error;
    calls.push({ ...call, status, ...(typeof error === 'string' ? { error } : {}) });
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, {
      'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json',
      'cache-control': 'no-store',
      ...headers,
    });
    res.end(text);
  };

  const authorize = (res: ServerResponse, call: Omit<RecordedOidcCall, 'status'>, q: URLSearchParams) => {
    // An unknown client or an unregistered redirect URI is never redirected to (RFC 6749 §4.1.2.1).
    if (q.get('client_id') !== options.clientId) return answer(res, call, 400, { error: 'invalid_client' });
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!redirectUris.includes(redirectUri)) return answer(res, call, 400, { error: 'invalid_redirect_uri' });
    const back = new URL(redirectUri);
    const state = q.get('state');
    const fail = (error: string) => {
      back.searchParams.set('error', error);
      if (state) back.searchParams.set('state', state);
      back.searchParams.set('iss', issuer);
      answer(res, call, 302, { error }, { location: back.href });
    };
    if (q.get('response_type') !== 'code') return fail('unsupported_response_type');
    if (!(q.get('scope') ?? '').split(' ').includes('openid')) return fail('invalid_scope');
    if (!q.get('code_challenge') || q.get('code_challenge_method') !== 'S256') return fail('invalid_request');
    if (!state || !q.get('nonce')) return fail('invalid_request');
    if (user === 'deny') return fail('access_denied');
    const code = randomBytes(24).toString('base64url');
    codes.set(code, {
      clientId: options.clientId,
      redirectUri,
      challenge: q.get('code_challenge') as string,
      nonce: q.get('nonce') as string,
      user: { ...user },
      expiresAt: Date.now() + 60_000,
      used: false,
    });
    back.searchParams.set('code', code);
    back.searchParams.set('state', state);
    back.searchParams.set('iss', issuer);
    answer(res, call, 302, 'Redirecting', { location: back.href });
  };

  const token = (
    res: ServerResponse,
    req: IncomingMessage,
    call: Omit<RecordedOidcCall, 'status'>,
    form: URLSearchParams,
  ) => {
    const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    let id: string | null = null;
    let secret: string | null = null;
    if (basic) {
      const [u, p] = Buffer.from(basic, 'base64').toString('utf8').split(':');
      id = formDecode(u ?? '');
      secret = formDecode(p ?? '');
      call.clientAuth = 'basic';
    } else if (form.has('client_secret')) {
      id = form.get('client_id');
      secret = form.get('client_secret');
      call.clientAuth = 'post';
    } else call.clientAuth = 'none';
    const expected = authMethod === 'client_secret_basic' ? 'basic' : 'post';
    if (call.clientAuth !== expected || id !== options.clientId || secret !== options.clientSecret)
      return answer(res, call, 401, { error: 'invalid_client' }, { 'www-authenticate': 'Basic realm="emulator"' });
    if (form.get('grant_type') !== 'authorization_code')
      return answer(res, call, 400, { error: 'unsupported_grant_type' });
    const code = codes.get(form.get('code') ?? '');
    const invalid = (why: string) => answer(res, call, 400, { error: 'invalid_grant', error_description: why });
    if (!code) return invalid('unknown code');
    if (code.used) return invalid('code already used');
    code.used = true;
    if (Date.now() > code.expiresAt) return invalid('code expired');
    if (code.clientId !== id) return invalid('code of another client');
    if (form.get('redirect_uri') !== code.redirectUri)
      return invalid('redirect_uri differs from the authorization request');
    const verifier = form.get('code_verifier') ?? '';
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return invalid('code_verifier missing or malformed');
    if (b64url(createHash('sha256').update(verifier).digest()) !== code.challenge)
      return invalid('code_verifier does not match the code_challenge');
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: issuer,
      sub: code.user.sub,
      aud: options.clientId,
      exp: now + 300,
      iat: now,
      auth_time: now,
      nonce: code.nonce,
      ...(options.emailIn === 'userinfo' ? {} : emailClaims(code.user)),
      ...forgery.claims,
    };
    const accessToken = randomBytes(24).toString('base64url');
    accessTokens.set(accessToken, code.user);
    answer(
      res,
      call,
      200,
      {
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: 3600,
        scope: 'openid email profile',
        id_token: signJwt(claims, forgery.foreignKey ? foreignKey() : privateKey),
      },
      { pragma: 'no-cache' },
    );
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const method = req.method ?? 'GET';
    const form = method === 'POST' ? new URLSearchParams(await readBody(req)) : url.searchParams;
    const params = Object.fromEntries(form.entries());
    if ('client_secret' in params) params.client_secret = '(redacted)';
    const call: Omit<RecordedOidcCall, 'status'> = { method, path: url.pathname, params };
    if (down) return answer(res, call, 503, { error: 'temporarily_unavailable' });
    switch (`${method} ${url.pathname}`) {
      case 'GET /.well-known/openid-configuration':
        return answer(res, call, 200, {
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          userinfo_endpoint: `${issuer}/userinfo`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          scopes_supported: ['openid', 'email', 'profile'],
          claims_supported: ['sub', 'email', 'email_verified', 'name'],
          grant_types_supported: ['authorization_code'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: [authMethod],
          authorization_response_iss_parameter_supported: true,
        });
      case 'GET /jwks':
        return answer(res, call, 200, {
          keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }],
        });
      case 'GET /authorize':
        return authorize(res, call, url.searchParams);
      case 'POST /token':
        return token(res, req, call, form);
      case 'GET /userinfo': {
        const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
        const who = accessTokens.get(bearer);
        if (!who)
          return answer(
            res,
            call,
            401,
            { error: 'invalid_token' },
            { 'www-authenticate': 'Bearer error="invalid_token"' },
          );
        return answer(res, call, 200, { sub: who.sub, ...emailClaims(who) });
      }
      default:
        return answer(res, call, 404, { error: 'not_found' });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    /** The issuer (OIDC_ISSUER), with no trailing slash. */
    issuer,
    calls,
    /** The calls to one path, e.g. `/token`. */
    callsTo: (path: string) => calls.filter((c) => c.path === path),
    /** Who the next /authorize signs in; 'deny' answers access_denied. */
    setUser(next: EmulatedOidcUser | 'deny') {
      user = next;
    },
    setRedirectUris(uris: string[]) {
      redirectUris = uris;
    },
    /** Every endpoint answers 503 while down. */
    setDown(value: boolean) {
      down = value;
    },
    /** Claims merged into the next ID tokens, and/or a signature by a key the JWKS does not hold. */
    setForgery(next: { claims?: Record<string, unknown>; foreignKey?: boolean }) {
      forgery = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type OidcEmulator = Awaited<ReturnType<typeof createOidcEmulator>>;
