// The shape of the files maintainers edit. Messages are plain words because content staff read them.
import { z } from 'zod';

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const text = z.string().trim().min(1, 'must not be empty');

/** A text per locale: Vietnamese required, English optional. */
const localized = z.object({ vi: text, en: text.optional() }, { error: 'must have a "vi:" text (and optionally "en:")' }).strict();

const utterances = z
  .object({
    vi: z.array(text, { error: 'must be a list of questions' }).min(1, 'needs at least one Vietnamese question'),
    en: z.array(text, { error: 'must be a list of questions' }).optional(),
  }, { error: 'must have a "vi:" list of questions' })
  .strict();

export const ANSWER_MAX_CHARS = 700;

const link = z
  .object({
    label: text,
    url: z.url({ protocol: /^https$/, error: 'must be a full https:// address' }),
  })
  .strict();

const intentId = z
  .string({ error: 'must be a text' })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase letters, digits and dashes, like "cds-la-gi"')
  .max(30, 'must be at most 30 characters (it travels in button data)');

export const intentSchema = z
  .object({
    id: intentId,
    title: localized.optional(),
    source: text,
    topics: z.array(z.string().regex(/^[a-z0-9-]+$/, 'topic tags are lowercase with dashes')).default([]),
    utterances,
    answer: z.object({
      vi: text.max(ANSWER_MAX_CHARS, `is too long: keep answers under ${ANSWER_MAX_CHARS} characters`),
      en: text.max(ANSWER_MAX_CHARS, `is too long: keep answers under ${ANSWER_MAX_CHARS} characters`).optional(),
    }).strict(),
    tip: localized.optional(),
    links: z.array(link).default([]),
    related: z.array(intentId).default([]),
  })
  .strict();

export const intentFileSchema = z
  .object({
    intents: z.array(intentSchema, { error: 'must be a list of intents' }).min(1, 'needs at least one intent'),
  })
  .strict();

/** Questions the bot must not answer: they teach the classifier what "out of scope" looks like. */
export const outOfScopeFileSchema = z
  .object({ out_of_scope: z.object({ vi: z.array(text).min(1), en: z.array(text).optional() }).strict() })
  .strict();

/** Canonical form → the ways people type it. */
export const lexiconFileSchema = z
  .object({ lexicon: z.record(z.string().min(1), z.array(z.string().min(1)).min(1, 'needs at least one variant')) })
  .strict();

export type IntentInput = z.infer<typeof intentSchema>;
