import type { ChatPlatform } from '../../core/ports/chat-platform.js';
import type { Logger } from '../../core/ports/logger.js';
import type { Desk } from '../create-desk.js';
import type { Env, PlatformName } from '../env.js';
import type { HttpServer } from '../http-server.js';

export interface PlatformContext {
  desk: Desk;
  http: HttpServer;
  env: Env;
  log: Logger;
}

export interface RunningPlatform {
  chat: ChatPlatform;
  /** Short description for the start-up line, e.g. "slack (events on /slack/events)". */
  describe: string;
  stop(): Promise<void>;
}

/** How `npm start` brings up one platform adapter once its credentials are complete. */
export interface PlatformStarter {
  name: PlatformName;
  start(ctx: PlatformContext): Promise<RunningPlatform>;
}
