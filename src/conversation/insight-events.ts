// What the conversation reports for maintainers (maintainers/insights.ts keeps and counts them): answers,
// clarifications, feedback, scam checks, and questions for the unanswered inbox, already masked.

export type InboxReason = 'fallback' | 'unresolved' | 'unhelpful';

export interface Candidate {
  readonly intent: string;
  readonly score: number;
}

export type InsightEvent =
  | { readonly kind: 'answer'; readonly channel: string; readonly intent: string; readonly at: number }
  | { readonly kind: 'clarify'; readonly channel: string; readonly at: number }
  | {
      readonly kind: 'inbox';
      readonly reason: InboxReason;
      readonly channel: string;
      readonly text: string;
      readonly normalized: string;
      readonly candidates: readonly Candidate[];
      readonly asker: string;
      readonly at: number;
    }
  | { readonly kind: 'feedback'; readonly channel: string; readonly intent: string; readonly helpful: boolean; readonly at: number }
  /** An answer given with little confidence: the masked question, for maintainers to check the answer fits. */
  | {
      readonly kind: 'low-score';
      readonly channel: string;
      readonly intent: string;
      readonly score: number;
      readonly text: string;
      readonly normalized: string;
      readonly at: number;
    }
  /** A scam check: its verdict and the registrable domains it flagged (never numbers or message text). */
  | { readonly kind: 'check'; readonly channel: string; readonly verdict: string; readonly domains: readonly string[]; readonly at: number };
