import { describe, expect, it } from 'vitest';
import { BackupError } from '../data/backup-database.js';
import { KnowledgeError } from '../runtime/create-desk.js';
import { EnvError } from '../runtime/env.js';
import { ConfigError } from '../runtime/load-config.js';
import { TrainingIssuesError } from '../runtime/platforms/read-training-issues.js';
import { SchedulerConfigError } from '../runtime/sla-scheduler.js';
import { PeriodError } from './analytics/period.js';
import { DeliveryError, type ErrorCode, isSupportError, SupportError } from './errors.js';

// The error classes of every room share one base: a test may import across rooms (see .dependency-cruiser.cjs).
const cases: [string, (message: string) => SupportError, ErrorCode][] = [
  ['SupportError', (m) => new SupportError('input.invalid', m), 'input.invalid'],
  ['DeliveryError', (m) => new DeliveryError(m), 'delivery.failed'],
  ['ConfigError', (m) => new ConfigError(m), 'config.invalid'],
  ['SchedulerConfigError', (m) => new SchedulerConfigError(m), 'scheduler.invalid'],
  ['EnvError', (m) => new EnvError(m), 'env.invalid'],
  ['TrainingIssuesError', (m) => new TrainingIssuesError(m), 'training.invalid'],
  ['BackupError', (m) => new BackupError(m), 'backup.failed'],
  ['PeriodError', (m) => new PeriodError(m), 'period.invalid'],
  ['KnowledgeError', (m) => new KnowledgeError(m), 'knowledge.invalid'],
];

describe('SupportError and its subclasses', () => {
  it.each(cases)('%s is a SupportError with its code, name and message', (name, make, code) => {
    const err = make('what went wrong');
    expect(err).toBeInstanceOf(SupportError);
    expect(err).toBeInstanceOf(Error);
    expect(isSupportError(err)).toBe(true);
    expect(err.code).toBe(code);
    expect(err.name).toBe(name);
    expect(err.constructor.name).toBe(name);
    expect(err.message).toBe('what went wrong');
    expect(String(err)).toBe(`${name}: what went wrong`);
  });

  it.each(cases.slice(2))('%s keeps its cause', (_name, make) => {
    const cause = new Error('underneath');
    const Ctor = make('x').constructor as new (message: string, options?: { cause?: unknown }) => SupportError;
    expect(new Ctor('outer', { cause }).cause).toBe(cause);
  });

  it('DeliveryError codes follow what the platform said', () => {
    expect(new DeliveryError('x', { retryAfterMs: 1000 }).code).toBe('delivery.rate-limited');
    expect(new DeliveryError('x', { permanent: true }).code).toBe('delivery.permanent');
  });

  it('isSupportError is false for other errors and values', () => {
    expect(isSupportError(new Error('x'))).toBe(false);
    expect(isSupportError('x')).toBe(false);
    expect(isSupportError(undefined)).toBe(false);
  });
});
