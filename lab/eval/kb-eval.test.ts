import { describe, expect, it } from 'vitest';
import { faqToArticle, runKbEval } from './kb-eval.js';

const dir = new URL('../../test/fixtures/faq-mini/', import.meta.url).pathname;

describe('runKbEval end to end on the shipped mini FAQ', () => {
  it('prints ranking metrics and latency for ours and the lunr reference, with ratios', async () => {
    const r = await runKbEval(['kb', '--faqs', `${dir}faqs.jsonl`, '--queries', `${dir}queries.jsonl`]);
    expect(r).toMatchObject({ task: 'kb', faqs: 6, queries: 8 });
    const ours = r.ours as Record<string, number> & { latencyUs: { p50: number; p99: number } };
    const reference = r.reference as Record<string, number>;
    expect(ours.hitAt1).toBe(1);
    expect(ours.recallAt5).toBe(1);
    expect(ours.mrrAt10).toBe(1);
    expect(ours.latencyUs.p50).toBeGreaterThan(0);
    expect(ours.latencyUs.p99).toBeGreaterThanOrEqual(ours.latencyUs.p50);
    expect(reference.hitAt1).toBeGreaterThan(0);
    expect((r.ratios as Record<string, number>).hitAt1).toBeCloseTo((ours.hitAt1 ?? 0) / (reference.hitAt1 ?? 1), 3);
  });

  it('explains its usage when a file is missing', async () => {
    await expect(runKbEval(['--faqs', `${dir}faqs.jsonl`])).rejects.toThrow(/usage: eval kb --faqs/);
  });
});

describe('faqToArticle', () => {
  it('makes the first question the title and the other phrasings alternative questions, as front matter would', () => {
    const a = faqToArticle({
      faq_id: 'f3',
      questions: ['What are the SLA targets?', 'How fast do you respond?'],
      answer: 'Within 2 hours.',
    });
    expect(a).toMatchObject({
      id: 'f3',
      title: 'What are the SLA targets?',
      questions: ['How fast do you respond?'],
      body: 'Within 2 hours.',
    });
    expect(faqToArticle({ faq_id: 'f1', questions: ['Only one?'], answer: 'Yes.' }).questions).toEqual([]);
  });
});
