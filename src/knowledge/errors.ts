/** One problem in a maintainer's file, with where to find it. */
export interface KnowledgeIssue {
  readonly file: string;
  readonly line?: number;
  readonly message: string;
}

export function formatIssue(issue: KnowledgeIssue): string {
  return `${issue.file}${issue.line ? `:${issue.line}` : ''}: ${issue.message}`;
}

/** Thrown when intent, lexicon, locality or locale files are wrong; lists every problem found. */
export class KnowledgeError extends Error {
  constructor(readonly issues: readonly KnowledgeIssue[]) {
    super(`${issues.length} problem(s) in the knowledge files:\n${issues.map((i) => `  - ${formatIssue(i)}`).join('\n')}`);
    this.name = 'KnowledgeError';
  }
}
