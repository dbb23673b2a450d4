import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createGoogleMeetProvider } from '../bots/meetings/create-google-meet-provider.js';
import type { GoogleServiceAccountKey } from '../bots/meetings/create-google-meet-provider.js';
import { createJitsiProvider } from '../bots/meetings/create-jitsi-provider.js';
import { createZoomProvider } from '../bots/meetings/create-zoom-provider.js';
import type { CallsConfig } from '../core/config/support-config.js';
import type { MeetingProvider } from '../core/ports/meeting-provider.js';
import { EnvError } from './env.js';
import type { Env } from './env.js';

type MeetingEnv = Pick<
  Env,
  | 'JITSI_ROOM_SECRET'
  | 'ZOOM_ACCOUNT_ID'
  | 'ZOOM_CLIENT_ID'
  | 'ZOOM_CLIENT_SECRET'
  | 'ZOOM_API_URL'
  | 'ZOOM_OAUTH_URL'
  | 'GOOGLE_SERVICE_ACCOUNT_JSON'
  | 'GOOGLE_CALENDAR_ID'
  | 'GOOGLE_CALENDAR_SUBJECT'
  | 'GOOGLE_API_URL'
  | 'GOOGLE_TOKEN_URL'
>;

/** `GOOGLE_SERVICE_ACCOUNT_JSON` is the key itself (starting with `{`) or the path of the key file. */
function serviceAccount(value: string): GoogleServiceAccountKey {
  try {
    const text = value.trim().startsWith('{') ? value : readFileSync(value, 'utf8');
    const key = JSON.parse(text) as GoogleServiceAccountKey;
    if (typeof key.client_email !== 'string' || typeof key.private_key !== 'string')
      throw new Error('no client_email or private_key');
    return key;
  } catch (err) {
    throw new EnvError(
      `GOOGLE_SERVICE_ACCOUNT_JSON is not a service account key (${(err as Error).message}): give the key's JSON or the path of its file.`,
    );
  }
}

/**
 * The meeting provider `calls.provider` names, with its credentials from the environment: Jitsi needs none (its room
 * names are keyed by JITSI_ROOM_SECRET, or a random key per process: a booking's link is stored when it is made),
 * Zoom and Google Meet need theirs and stop start-up with a clear message when they are missing.
 */
export function createMeetingProvider(calls: CallsConfig, env: MeetingEnv): MeetingProvider {
  switch (calls.provider) {
    case 'jitsi':
      return createJitsiProvider({
        baseUrl: calls.jitsi.baseUrl,
        secret: env.JITSI_ROOM_SECRET ?? randomBytes(32).toString('base64url'),
      });
    case 'zoom': {
      if (!env.ZOOM_ACCOUNT_ID || !env.ZOOM_CLIENT_ID || !env.ZOOM_CLIENT_SECRET)
        throw new EnvError(
          'calls.provider is zoom: set ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET (a Server-to-Server OAuth app), or choose jitsi.',
        );
      return createZoomProvider({
        accountId: env.ZOOM_ACCOUNT_ID,
        clientId: env.ZOOM_CLIENT_ID,
        clientSecret: env.ZOOM_CLIENT_SECRET,
        ...(env.ZOOM_API_URL ? { apiUrl: env.ZOOM_API_URL } : {}),
        ...(env.ZOOM_OAUTH_URL ? { oauthUrl: env.ZOOM_OAUTH_URL } : {}),
      });
    }
    case 'google-meet': {
      if (!env.GOOGLE_SERVICE_ACCOUNT_JSON || !env.GOOGLE_CALENDAR_ID)
        throw new EnvError(
          'calls.provider is google-meet: set GOOGLE_SERVICE_ACCOUNT_JSON (the key or its path) and GOOGLE_CALENDAR_ID, or choose jitsi.',
        );
      return createGoogleMeetProvider({
        serviceAccount: serviceAccount(env.GOOGLE_SERVICE_ACCOUNT_JSON),
        calendarId: env.GOOGLE_CALENDAR_ID,
        ...(env.GOOGLE_CALENDAR_SUBJECT ? { subject: env.GOOGLE_CALENDAR_SUBJECT } : {}),
        ...(env.GOOGLE_API_URL ? { apiUrl: env.GOOGLE_API_URL } : {}),
        ...(env.GOOGLE_TOKEN_URL ? { tokenUrl: env.GOOGLE_TOKEN_URL } : {}),
      });
    }
  }
}
