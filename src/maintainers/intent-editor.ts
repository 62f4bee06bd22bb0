// Writes maintainers' decisions into the intent files with the yaml Document API, so comments, order and layout
// stay as they were and the change is a clean diff a maintainer can review and commit.
import { ANSWER_MAX_CHARS, TIP_MAX_CHARS } from '../knowledge/schema.js';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { KnowledgeError } from '../knowledge/errors.js';
import { loadKnowledge, OUT_OF_SCOPE_FILE } from '../knowledge/load.js';
import { findLiterals } from '../knowledge/literals.js';
import { isMap, isSeq, parseDocument, YAMLSeq, type Document } from 'yaml';
import { z } from 'zod';

export class IntentEditError extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict' | 'invalid_request',
    message: string,
    /** The console's message id and values for this problem (locales/console). */
    readonly reason?: { readonly id: string; readonly args: Readonly<Record<string, string | number>> },
  ) {
    super(message);
    this.name = 'IntentEditError';
  }
}

interface Located {
  readonly file: string;
  readonly doc: Document;
  readonly index: number;
}

function intentFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('_')).sort();
}

function locate(dir: string, intentId: string): Located | undefined {
  for (const name of intentFiles(dir)) {
    const file = join(dir, name);
    const doc = parseDocument(readFileSync(file, 'utf8'));
    const intents = doc.get('intents');
    if (!isSeq(intents)) continue;
    const index = intents.items.findIndex((item) => isMap(item) && item.get('id') === intentId);
    if (index >= 0) return { file, doc, index };
  }
  return undefined;
}

/**
 * Checks an edit before it is written: given the file and its new content, throws (an IntentEditError) when the
 * knowledge with that content would not load. Nothing is written when it throws.
 */
export type EditCheck = (file: string, content: string) => void;

/** Writes via a temporary file and a rename: a watcher never reads half a file. Checked first, when asked. */
function save(file: string, doc: Document, check?: EditCheck): void {
  const content = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  check?.(file, content);
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}

/**
 * The check the server uses: the whole knowledge is loaded from a copy of the intents folder with the edit applied,
 * with the same validation as start-up, so an edit that passes can never keep the bot from starting.
 */
export function knowledgeCheck(options: { intentsDir: string; localityFile: string; rootDir?: string }): EditCheck {
  return (file, content) => {
    const copy = mkdtempSync(join(tmpdir(), 'tro-ly-so-check-'));
    try {
      for (const name of readdirSync(options.intentsDir)) {
        if (/\.ya?ml$/.test(name)) copyFileSync(join(options.intentsDir, name), join(copy, name));
      }
      writeFileSync(join(copy, basename(file)), content);
      loadKnowledge({ intentsDir: copy, localityFile: options.localityFile, ...(options.rootDir ? { rootDir: options.rootDir } : {}) });
    } catch (error) {
      if (error instanceof KnowledgeError) {
        const problems = error.issues.map((i) => i.message).join('; ');
        throw new IntentEditError('invalid_request', `Not saved: with this change the knowledge would not load (${problems}).`, { id: 'knowledge-would-break', args: { problems } });
      }
      throw error;
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  };
}

/** Appends a question to an intent's utterances; returns the file it changed. */
export function addUtterance(dir: string, intentId: string, text: string, locale: 'vi' | 'en' = 'vi', check?: EditCheck): string {
  const question = text.trim();
  if (question === '' || question.length > 300) throw new IntentEditError('invalid_request', 'The question must be 1-300 characters.');
  const found = locate(dir, intentId);
  if (!found) throw new IntentEditError('not_found', `No intent ${intentId}.`, { id: 'intent-not-found', args: { intent: intentId } });
  const path = ['intents', found.index, 'utterances', locale];
  let seq = found.doc.getIn(path, true);
  if (!isSeq(seq)) {
    seq = new YAMLSeq();
    found.doc.setIn(path, seq);
  }
  const items = (seq as YAMLSeq).items.map((i) => String((i as { value?: unknown }).value ?? i));
  if (items.includes(question)) throw new IntentEditError('conflict', `Intent ${intentId} already has this question.`, { id: 'question-exists', args: { intent: intentId } });
  (seq as YAMLSeq).add(found.doc.createNode(question));
  save(found.file, found.doc, check);
  return found.file;
}

export const newIntentSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id: lowercase letters, digits and dashes').max(30),
    question: z.string().trim().min(1).max(300),
    answer: z.string().trim().min(1).max(ANSWER_MAX_CHARS),
    source: z.string().trim().min(1).max(300),
    tip: z.string().trim().max(TIP_MAX_CHARS).optional(),
    topics: z.array(z.string().regex(/^[a-z0-9-]+$/)).optional(),
    link: z.object({ label: z.string().trim().min(1), url: z.url({ protocol: /^https$/ }) }).optional(),
  })
  .strict();

export const NEW_INTENTS_FILE = 'moi.yaml';

/** Starts a new intent (in intents/moi.yaml) from a citizen's question. */
export function createIntent(dir: string, input: z.infer<typeof newIntentSchema>, check?: EditCheck): string {
  if (locate(dir, input.id)) throw new IntentEditError('conflict', `Intent ${input.id} already exists.`, { id: 'intent-exists', args: { intent: input.id } });
  const file = join(dir, NEW_INTENTS_FILE);
  const doc = existsSync(file)
    ? parseDocument(readFileSync(file, 'utf8'))
    : parseDocument('# Ý định mới tạo từ hộp thư câu hỏi chưa trả lời. Hãy thêm cách hỏi (ít nhất 12) rồi chuyển sang tệp chủ đề phù hợp.\nintents: []\n');
  let intents = doc.get('intents', true);
  if (!isSeq(intents)) {
    intents = new YAMLSeq();
    doc.set('intents', intents);
  }
  (intents as YAMLSeq).flow = false;
  const node = doc.createNode({
    id: input.id,
    source: input.source,
    // Written today by the person who read the citizen's question: the review date the loader requires.
    reviewed: today(),
    topics: input.topics ?? [],
    utterances: { vi: [input.question] },
    answer: { vi: input.answer },
    ...(input.tip ? { tip: { vi: input.tip } } : {}),
    links: input.link ? [input.link] : [],
    related: [],
  });
  (intents as YAMLSeq).add(node);
  save(file, doc, check);
  return file;
}

/** The review date written by an edit: today, in Vietnam (where the people checking the answers are). */
export function today(now = Date.now()): string {
  return new Date(now + 7 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Checks an answer the way the loader will, and says what is wrong in the console's words, before anything is
 * written: not empty, at most ANSWER_MAX_CHARS, no hotline or address typed out (they live in _so-lieu.yaml).
 */
export function checkAnswer(text: string): void {
  const answer = text.trim();
  if (answer === '') throw new IntentEditError('invalid_request', 'The answer must not be empty.', { id: 'answer-empty', args: {} });
  const length = answer.length;
  if (answer.length > ANSWER_MAX_CHARS) throw new IntentEditError('invalid_request', `The answer is ${length} characters.`, { id: 'answer-too-long', args: { count: length } });
  const literals = findLiterals(answer);
  if (literals.length > 0) throw new IntentEditError('invalid_request', 'The answer types a hotline or address.', { id: 'answer-literal', args: { literals: [...new Set(literals.map((l) => `"${l.text}"`))].join(', ') } });
}

/** Replaces an intent's answer in one language and sets `reviewed` to today; returns the file it changed. */
export function setAnswer(dir: string, intentId: string, text: string, locale: 'vi' | 'en' = 'vi', check?: EditCheck, now = Date.now()): string {
  checkAnswer(text);
  const found = locate(dir, intentId);
  if (!found) throw new IntentEditError('not_found', `No intent ${intentId}.`, { id: 'intent-not-found', args: { intent: intentId } });
  const answer = text.trim();
  // A block scalar keeps a multi-line answer readable in the file, as maintainers write them.
  const node = found.doc.createNode(answer.includes('\n') ? `${answer}\n` : answer);
  if (answer.includes('\n')) (node as { type?: string }).type = 'BLOCK_LITERAL';
  found.doc.setIn(['intents', found.index, 'answer', locale], node);
  found.doc.setIn(['intents', found.index, 'reviewed'], today(now));
  save(found.file, found.doc, check);
  return found.file;
}

/** Adds a question to the out-of-scope examples (intents/_ngoai-pham-vi.yaml) with the same safe edit. */
export function addOutOfScope(dir: string, text: string, locale: 'vi' | 'en' = 'vi', check?: EditCheck): string {
  const question = text.trim();
  if (question === '' || question.length > 300) throw new IntentEditError('invalid_request', 'The question must be 1-300 characters.', { id: 'issue-empty', args: { field: 'question' } });
  const file = join(dir, OUT_OF_SCOPE_FILE);
  const doc = existsSync(file) ? parseDocument(readFileSync(file, 'utf8')) : parseDocument('out_of_scope:\n  vi: []\n');
  const path = ['out_of_scope', locale];
  let seq = doc.getIn(path, true);
  if (!isSeq(seq)) {
    seq = new YAMLSeq();
    doc.setIn(path, seq);
  }
  (seq as YAMLSeq).flow = false;
  const items = (seq as YAMLSeq).items.map((i) => String((i as { value?: unknown }).value ?? i));
  if (items.includes(question)) throw new IntentEditError('conflict', 'Already out of scope.', { id: 'out-of-scope-exists', args: {} });
  (seq as YAMLSeq).add(doc.createNode(question));
  save(file, doc, check);
  return file;
}

/** An intent's answer as written in its file (placeholders unfilled), for editing; undefined when there is none. */
export function readAnswer(dir: string, intentId: string, locale: 'vi' | 'en' = 'vi'): { answer: string; file: string; reviewed: string } | undefined {
  const found = locate(dir, intentId);
  if (!found) return undefined;
  const answer = found.doc.getIn(['intents', found.index, 'answer', locale]);
  const reviewed = found.doc.getIn(['intents', found.index, 'reviewed']);
  return typeof answer === 'string' ? { answer: answer.trim(), file: basename(found.file), reviewed: typeof reviewed === 'string' ? reviewed : '' } : undefined;
}
