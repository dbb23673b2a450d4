import type { PlatformStarter } from './platform-starter.js';

/** Every platform adapter `npm start` knows; each starts only when its credentials are complete. */
export const PLATFORM_STARTERS: PlatformStarter[] = [];
