import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainIntentModel } from '../../../core/classifier/train-intent-model.js';
import { loadTrainingCorpus } from '../../../data/training/load-training-corpus.js';
import { visibleText } from '../../emulators/slack/create-slack-emulator.js';
import { startSlackDesk } from './start-slack-desk.js';
import type { SlackDesk } from './start-slack-desk.js';

describe('Slack with classification and search on a worker thread (ANALYSIS_WORKERS=1)', () => {
  let s: SlackDesk;
  beforeAll(async () => {
    s = await startSlackDesk({ env: { ANALYSIS_WORKERS: '1' }, model: trainIntentModel(loadTrainingCorpus()) });
  }, 60_000);
  afterAll(async () => s?.close());

  it('opens the ticket and suggests the article found by the worker, then files a follow-up to the ticket', async () => {
    expect(s.desk.analysisWorkers).toBe(1);
    const sent = await s.deliver.userMessage({
      channel: 'C_ACME',
      user: 'U_CUST',
      text: 'The CLI crashes on start with an error',
    });
    expect(sent.status).toBe(200);
    const ticket = await s.ticketFor('C_ACME', sent.ts);
    expect(ticket).toMatchObject({ key: 'SUP-1', customerId: 'acme', tier: 'enterprise', category: 'bug' });
    const [reply] = await s.waitForPost((c) => c.args.channel === 'C_ACME' && c.args.thread_ts === sent.ts);
    expect(visibleText(reply!)).toContain('https://docs.example.test/kb/cli-crash-on-start.md');

    await s.deliver.userMessage({
      channel: 'C_ACME',
      user: 'U_CUST',
      text: 'Still crashing after the update',
      thread_ts: sent.ts,
    });
    expect((await s.desk.store.listMessages(ticket!.id)).map((m) => m.text)).toEqual([
      'The CLI crashes on start with an error',
      'Still crashing after the update',
    ]);
  });
});
