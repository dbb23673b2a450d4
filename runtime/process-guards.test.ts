import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { Logger as PinoLogger } from 'pino';
import type { Logger } from '../core/ports/logger.js';
import { installProcessGuards } from './process-guards.js';
import type { GuardedProcess } from './process-guards.js';

function recordingLog() {
  const lines: { level: string; obj: Record<string, unknown>; msg: string }[] = [];
  const at =
    (level: string) =>
    (obj: Record<string, unknown>, msg = '') =>
      void lines.push({ level, obj, msg });
  const log = {
    fatal: at('fatal'),
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
    child: () => log,
  } as unknown as Logger & Pick<PinoLogger, 'fatal'>;
  return { log, lines };
}

describe('installProcessGuards', () => {
  it('logs an unhandled rejection with its code and keeps running', () => {
    const proc = new EventEmitter();
    const { log, lines } = recordingLog();
    const exits: number[] = [];
    const guards = installProcessGuards({
      process: proc as GuardedProcess,
      log,
      stop: async () => undefined,
      exit: (c) => exits.push(c),
    });
    proc.emit('unhandledRejection', new Error('boom'));
    proc.emit('unhandledRejection', 'plain');
    expect(guards.unhandled()).toBe(2);
    expect(lines.map((l) => [l.level, l.obj.code, l.obj.err])).toEqual([
      ['error', 'process.unhandled-rejection', 'boom'],
      ['error', 'process.unhandled-rejection', 'plain'],
    ]);
    expect(exits).toEqual([]);
  });

  it('stops the desk once on an uncaught exception and exits with 1', async () => {
    const proc = new EventEmitter();
    const { log, lines } = recordingLog();
    const stops: string[] = [];
    let exited: (code: number) => void = () => undefined;
    const exit = new Promise<number>((resolve) => (exited = resolve));
    installProcessGuards({
      process: proc as GuardedProcess,
      log,
      stop: async (why) => void stops.push(why),
      exit: (c) => exited(c),
    });
    proc.emit('uncaughtException', new Error('sync throw'));
    proc.emit('uncaughtException', new Error('second'));
    expect(await exit).toBe(1);
    expect(stops).toEqual(['uncaughtException']);
    expect(lines.filter((l) => l.level === 'fatal').map((l) => l.obj.err)).toEqual(['sync throw', 'second']);
  });
});
