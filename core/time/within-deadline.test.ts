import { describe, expect, it } from 'vitest';
import { withinDeadline } from './within-deadline.js';

describe('withinDeadline', () => {
  it('gives the value or the error of work that settles in time, and `late` otherwise', async () => {
    expect(await withinDeadline(Promise.resolve(7), 50)).toEqual({ kind: 'done', value: 7 });
    const error = new Error('no');
    expect(await withinDeadline(Promise.reject(error), 50)).toEqual({ kind: 'failed', error });
    expect(await withinDeadline(new Promise(() => undefined), 10)).toEqual({ kind: 'late' });
  });
});
