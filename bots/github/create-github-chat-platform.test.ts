import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../../core/index.js';
import { createGitHubChatPlatform } from './create-github-chat-platform.js';
import type { GitHubApi } from './github-api.js';
import type { GitHubClients } from './github-clients.js';
import { labelWriteMessage } from './label-write.js';

function fakeApi(existing: string[], fail?: unknown) {
  const calls: string[] = [];
  const posted: { id: number; body: string }[] = [];
  const api: GitHubApi = {
    listIssuesWithLabel: async () => [],
    listLabels: async () => {
      calls.push('list');
      return existing;
    },
    createLabel: async (_o, _r, l) => {
      calls.push(`create ${l.name} ${l.color}`);
    },
    addLabels: async (_o, _r, n, labels) => {
      if (fail) throw fail;
      calls.push(`add #${n} ${labels.join(',')}`);
    },
    createComment: async (_o, _r, n, body) => {
      calls.push(`comment #${n} ${body}`);
      posted.push({ id: 77 + posted.length, body });
      return { id: 76 + posted.length };
    },
    listComments: async (_o, _r, n, since) => {
      calls.push(`list comments #${n} since ${since}`);
      return posted;
    },
    userOrgs: async () => [],
  };
  const clients: GitHubClients = { mode: 'token', forRepo: async () => api, remember: () => undefined };
  return { calls, platform: createGitHubChatPlatform({ clients }) };
}

const conversation = { platform: 'github' as const, channelId: 'acme/widgets', threadId: '12' };
/** A first send of an outbox item. */
const first = { token: 'tok_FIRSTFIRSTFIRSTFIRST', since: 0, retry: false };
const MARKER = '\n\n<!-- support-desk:outbox tok_FIRSTFIRSTFIRSTFIRST -->';

describe('GitHub ChatPlatform', () => {
  it('creates missing labels with their colours before adding them, listing the repository once', async () => {
    const { calls, platform } = fakeApi(['Bug']);
    await platform.send(conversation, labelWriteMessage(['bug', 'P1-high', 'needs-triage']), first);
    await platform.send({ ...conversation, threadId: '13' }, labelWriteMessage(['bug', 'P1-high']), first);
    expect(calls).toEqual([
      'list',
      'create P1-high d93f0b',
      'create needs-triage ededed',
      'add #12 bug,P1-high,needs-triage',
      'add #13 bug,P1-high',
    ]);
  });

  it('posts other messages as one comment and does not post satisfaction surveys', async () => {
    const { calls, platform } = fakeApi([]);
    expect(await platform.send(conversation, { text: 'Hello @octocat' }, first)).toEqual({ messageId: '77' });
    expect(
      await platform.send(
        conversation,
        { text: 'Rate us', actions: [{ id: 'rate.csat', label: '5', value: 'SUP-1:5' }] },
        first,
      ),
    ).toEqual({ messageId: 'not-posted:survey' });
    expect(calls).toEqual([`comment #12 Hello @\u200doctocat${MARKER}`]);
  });

  it('marks each outbox comment with its token, and on a retry returns the earlier comment instead of posting again', async () => {
    const { calls, platform } = fakeApi([]);
    const queued = Date.UTC(2026, 2, 4, 13, 55, 0); // the dispatcher's `since`: queued at 14:00, less its clock margin
    const delivery = { token: 'tok_AAAAAAAAAAAAAAAAAAAA', since: queued, retry: false };
    expect(await platform.send(conversation, { text: 'Thanks for the report' }, delivery)).toEqual({ messageId: '77' });
    expect(calls.at(-1)).toMatch(
      /^comment #12 Thanks for the report[\s\S]*\n\n<!-- support-desk:outbox tok_AAAAAAAAAAAAAAAAAAAA -->$/,
    );
    expect(await platform.send(conversation, { text: 'Thanks for the report' }, { ...delivery, retry: true })).toEqual({
      messageId: '77',
    });
    expect(calls.at(-1)).toBe('list comments #12 since 2026-03-04T13:55:00.000Z');
    expect(calls.filter((c) => c.startsWith('comment'))).toHaveLength(1);
    // A retry whose earlier attempt never landed finds no marker and posts.
    expect(
      await platform.send(
        conversation,
        { text: 'Second' },
        { token: 'tok_BBBBBBBBBBBBBBBBBBBB', since: queued, retry: true },
      ),
    ).toEqual({ messageId: '78' });
    expect(calls.filter((c) => c.startsWith('comment'))).toHaveLength(2);
  });

  it('maps API failures to DeliveryError and refuses conversations that are not issues', async () => {
    const limited = Object.assign(new Error('secondary rate limit'), {
      status: 403,
      response: { headers: { 'retry-after': '60' } },
    });
    const { platform } = fakeApi(['bug'], limited);
    await expect(platform.send(conversation, labelWriteMessage(['bug']), first)).rejects.toMatchObject({
      retryAfterMs: 60_000,
      permanent: false,
    });
    await expect(platform.send({ platform: 'github', channelId: 'acme' }, { text: 'x' }, first)).rejects.toBeInstanceOf(
      DeliveryError,
    );
    await expect(platform.send({ platform: 'github', channelId: 'acme' }, { text: 'x' }, first)).rejects.toMatchObject({
      permanent: true,
    });
  });
});
