import type { Locale } from './schema.js';
import type { ScamRules } from '../scamcheck/rules.js';

export type { Locale } from './schema.js';

export interface Localized {
  readonly vi: string;
  readonly en?: string;
}

export interface Link {
  readonly label: string;
  readonly url: string;
}

export interface Intent {
  readonly id: string;
  readonly file: string;
  readonly title: Localized;
  readonly source: string;
  /** YYYY-MM-DD: when the answer was last checked against its source. */
  readonly reviewed: string;
  readonly topics: readonly string[];
  readonly utterances: { readonly vi: readonly string[]; readonly en: readonly string[] };
  readonly answer: Localized;
  readonly tip?: Localized;
  /** Details or steps given when the person asks for more. */
  readonly more?: Localized;
  readonly links: readonly Link[];
  readonly related: readonly string[];
  /** Normalized phrases that send an otherwise unplaced message to this intent (see schema: safety_net). */
  readonly safetyNet: readonly string[];
}

/** A labelled training example for the classifier; intent null = out of scope. */
export interface Example {
  readonly text: string;
  readonly intent: string | null;
}

/** Everything the bot knows, validated and immutable. Reloading builds a new value. */
export interface Knowledge {
  readonly intents: ReadonlyMap<string, Intent>;
  readonly outOfScope: readonly string[];
  /** variant (as typed) → canonical words */
  readonly lexicon: ReadonlyMap<string, string>;
  readonly locality: Locality;
  /** Numbers and addresses shared by answers (intents/_so-lieu.yaml), by placeholder name. */
  readonly facts: Readonly<Record<string, string>>;
  /** The scam-check lists (intents/_kiem-tra-lua-dao.yaml); absent: no scam check. */
  readonly scamRules?: ScamRules;
}

export interface Locality {
  readonly province: string;
  readonly formerProvince: string;
  readonly adminCenter: string;
  readonly values: Readonly<Record<string, string>>;
}

export function pick(text: Localized, locale: Locale): string {
  return (locale === 'en' && text.en) || text.vi;
}

export function trainingExamples(knowledge: Knowledge): Example[] {
  const examples: Example[] = [];
  for (const intent of knowledge.intents.values()) {
    for (const text of [...intent.utterances.vi, ...intent.utterances.en]) examples.push({ text, intent: intent.id });
  }
  for (const text of knowledge.outOfScope) examples.push({ text, intent: null });
  return examples;
}
