// Reads a YAML file and validates it with a zod schema, reporting problems with their line numbers.
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import type { KnowledgeIssue } from './errors.js';

export interface ParsedFile<T> {
  readonly value?: T;
  readonly issues: KnowledgeIssue[];
  /** Line of the node at `path`, or of its nearest existing parent. */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

export function readYamlFile<S extends z.ZodType>(file: string, displayName: string, schema: S): ParsedFile<z.output<S>> {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    return { issues: [{ file: displayName, message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` }], lineOf: () => undefined };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const lineOf = (path: readonly (string | number)[]) => nodeLine(doc, lineCounter, path);
  if (doc.errors.length > 0) {
    return {
      issues: doc.errors.map((e) => ({
        file: displayName,
        line: e.linePos?.[0]?.line,
        message: `is not valid YAML: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
      })),
      lineOf,
    };
  }
  const result = schema.safeParse(doc.toJS());
  if (!result.success) {
    return {
      issues: result.error.issues.map((issue) => ({
        file: displayName,
        line: lineOf(issue.path as (string | number)[]),
        message: describe(issue, doc),
      })),
      lineOf,
    };
  }
  return { value: result.data, issues: [], lineOf };
}

function nodeLine(doc: Document, counter: LineCounter, path: readonly (string | number)[]): number | undefined {
  for (let length = path.length; length >= 0; length -= 1) {
    const node = length === 0 ? doc.contents : doc.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

function describe(issue: z.core.$ZodIssue, doc: Document): string {
  const where = issue.path.length ? `"${pathLabel(issue.path as (string | number)[], doc)}" ` : '';
  if (issue.code === 'unrecognized_keys') return `${where}has an unknown field: ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type' && issue.input === undefined) return `${where}is missing`;
  return `${where}${issue.message}`;
}

/** intents.3.answer.vi → intent "cds-la-gi" › answer.vi */
function pathLabel(path: readonly (string | number)[], doc: Document): string {
  if (path[0] === 'intents' && typeof path[1] === 'number') {
    const id = doc.getIn(['intents', path[1], 'id']);
    const rest = path.slice(2).join('.');
    const who = typeof id === 'string' ? `intent ${id}` : `intent #${path[1] + 1}`;
    return rest ? `${who} › ${rest}` : who;
  }
  return path.join('.');
}
