import { LogLevel } from '@slack/bolt';
import type { Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../core/index.js';

/** Bolt's logger interface on top of the desk's logger (pino at the edge), tagged `component: bolt`. */
export function createBoltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'bolt' });
  let level: LogLevel = LogLevel.INFO;
  const line = (msg: unknown[]) =>
    msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    debug: (...msg: unknown[]) => child.debug({}, line(msg)),
    info: (...msg: unknown[]) => child.info({}, line(msg)),
    warn: (...msg: unknown[]) => child.warn({}, line(msg)),
    error: (...msg: unknown[]) => child.error({}, line(msg)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
