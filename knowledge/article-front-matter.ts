import { z } from 'zod';
import { CATEGORIES, TICKET_PLATFORMS, TIERS } from '../core/model/types.js';

export const TITLE_MAX_LENGTH = 80;
/** Keys every article must have; `questions` is optional (see the schema). */
export const FRONT_MATTER_KEYS = [
  'id',
  'title',
  'tags',
  'intents',
  'tiers',
  'platforms',
  'language',
  'updated',
] as const;

const list = (values: readonly string[]) => values.join(', ');

function calendarDay(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/u.test(value)) return null;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value ? null : ms;
}

/** The front matter every article carries. `updated` (YYYY-MM-DD) becomes epoch milliseconds, UTC midnight. */
export const articleFrontMatterSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/u, { error: 'id must be kebab-case (a-z, 0-9, single hyphens)' }),
    title: z
      .string()
      .trim()
      .min(1, { error: 'title is empty' })
      .max(TITLE_MAX_LENGTH, {
        error: (i) => `title is longer than ${TITLE_MAX_LENGTH} characters (${String((i.input as string).length)})`,
      }),
    /**
     * Optional: other phrasings of the question the article answers, besides the title (how users ask it), each
     * searched like the title. Same length limit as the title.
     */
    questions: z
      .array(
        z
          .string({ error: 'each question must be text' })
          .trim()
          .min(1, { error: 'empty question' })
          .max(TITLE_MAX_LENGTH, {
            error: (i) =>
              `question is longer than ${TITLE_MAX_LENGTH} characters (${String((i.input as string).length)})`,
          }),
        { error: 'questions must be a list' },
      )
      .optional(),
    tags: z.array(
      z.string({ error: 'each tag must be text (quote numbers: "404")' }).trim().min(1, { error: 'empty tag' }),
      {
        error: 'tags must be a list',
      },
    ),
    intents: z
      .array(z.enum(CATEGORIES, { error: (i) => `unknown intent '${String(i.input)}' (known: ${list(CATEGORIES)})` }), {
        error: 'intents must be a list',
      })
      .min(1, { error: 'intents must name at least one category' }),
    tiers: z.array(z.enum(TIERS, { error: (i) => `unknown tier '${String(i.input)}' (known: ${list(TIERS)})` }), {
      error: 'tiers must be a list (empty = everyone)',
    }),
    platforms: z.array(
      z.enum(TICKET_PLATFORMS, {
        error: (i) => `unknown platform '${String(i.input)}' (known: ${list(TICKET_PLATFORMS)})`,
      }),
      { error: 'platforms must be a list (empty = everywhere)' },
    ),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/u, { error: 'language must be a code like en or pt-BR' }),
    updated: z.unknown().transform((value, ctx) => {
      const ms = calendarDay(value);
      if (ms === null) {
        ctx.addIssue({ code: 'custom', message: 'updated must be a date YYYY-MM-DD' });
        return z.NEVER;
      }
      return ms;
    }),
  })
  .strict();

export type ArticleFrontMatter = z.output<typeof articleFrontMatterSchema>;
