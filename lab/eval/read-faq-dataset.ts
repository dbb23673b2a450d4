import { readFileSync } from 'node:fs';
import { z } from 'zod';

const faqSchema = z.object({ faq_id: z.string().min(1), questions: z.array(z.string()).min(1), answer: z.string() });
const querySchema = z.object({ query_id: z.string().min(1), faq_id: z.string().min(1), query: z.string() });

export type FaqEntry = z.output<typeof faqSchema>;
export type FaqQuery = z.output<typeof querySchema>;

function readJsonl<T>(path: string, schema: z.ZodType<T>): T[] {
  const rows: T[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        throw new Error(`${path}:${i + 1}: not valid JSON (${(error as Error).message})`);
      }
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`${path}:${i + 1}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid row'}`);
      }
      rows.push(parsed.data);
    });
  return rows;
}

/** FAQ retrieval data in the BERT-FAQ JSONL layout: entries (`faq_id, questions[], answer`) and labelled queries. */
export function readFaqDataset(faqsPath: string, queriesPath: string): { faqs: FaqEntry[]; queries: FaqQuery[] } {
  const faqs = readJsonl(faqsPath, faqSchema);
  const queries = readJsonl(queriesPath, querySchema);
  const ids = new Set(faqs.map((f) => f.faq_id));
  const unknown = queries.find((q) => !ids.has(q.faq_id));
  if (unknown) throw new Error(`${queriesPath}: query ${unknown.query_id} names unknown faq_id ${unknown.faq_id}`);
  return { faqs, queries };
}
