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

/** An answer body fits a phone screen; longer content goes to "more" (the "Xem thêm" steps). */
export const ANSWER_MAX_CHARS = 450;
export const MORE_MAX_CHARS = 900;
/** A tip is one short sentence. */
export const TIP_MAX_CHARS = 200;

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
    /** When someone last checked this intent against its source (YYYY-MM-DD). */
    reviewed: z.iso.date({ error: 'must be a date like 2026-11-29 (when the answer was last checked against its source)' }),
    topics: z.array(z.string().regex(/^[a-z0-9-]+$/, 'topic tags are lowercase with dashes')).default([]),
    utterances,
    answer: z.object({
      vi: text.max(ANSWER_MAX_CHARS, `is too long: keep answers under ${ANSWER_MAX_CHARS} characters`),
      en: text.max(ANSWER_MAX_CHARS, `is too long: keep answers under ${ANSWER_MAX_CHARS} characters`).optional(),
    }).strict(),
    /** Steps or details shown when the person asks "Xem thêm". */
    more: z.object({
      vi: text.max(MORE_MAX_CHARS, `is too long: keep "more" under ${MORE_MAX_CHARS} characters`),
      en: text.max(MORE_MAX_CHARS, `is too long: keep "more" under ${MORE_MAX_CHARS} characters`).optional(),
    }).strict().optional(),
    tip: z.object({
      vi: text.max(TIP_MAX_CHARS, `is too long: a tip is one sentence under ${TIP_MAX_CHARS} characters`),
      en: text.max(TIP_MAX_CHARS, `is too long: a tip is one sentence under ${TIP_MAX_CHARS} characters`).optional(),
    }).strict().optional(),
    links: z.array(link).default([]),
    related: z.array(intentId).default([]),
    /**
     * Words that, in a message the bot could not place, still call for this answer ("khó thở", "cháy"): for the
     * emergency numbers, a list of all of them is never a wrong reply to an emergency put in unusual words.
     */
    safety_net: z.array(text, { error: 'must be a list of words or short phrases' }).default([]),
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

/** Numbers and addresses that recur in answers, written there as {name}: one place to correct them. */
export const factsFileSchema = z
  .object({ facts: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'fact names are lowercase letters, digits and _'), text) })
  .strict();

/** Canonical form → the ways people type it. */
export const lexiconFileSchema = z
  .object({ lexicon: z.record(z.string().min(1), z.array(z.string().min(1)).min(1, 'needs at least one variant')) })
  .strict();

export type IntentInput = z.infer<typeof intentSchema>;
