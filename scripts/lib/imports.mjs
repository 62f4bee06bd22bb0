// The import graph of a source tree (relative imports only, type-only imports included: a cycle of types is still
// two modules that cannot be understood apart) and its cycles, for `npm run house` and the no-cycles test.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** Every .ts file under dir, as absolute paths. */
export function sourceFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** file → the files of the tree it imports (static imports and re-exports; `.js` specifiers map to `.ts`). */
export function importGraph(dir) {
  const files = new Set(sourceFiles(dir));
  const graph = new Map();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, false);
    const targets = new Set();
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = resolve(dirname(file), fileName).replace(/\.js$/, '.ts');
      if (files.has(target)) targets.add(target);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/** Groups of files that import each other, directly or around a loop (Tarjan's strongly connected components). */
export function importCycles(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const groups = [];
  let next = 0;
  const visit = (node) => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node), low.get(to)));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node), index.get(to)));
    }
    if (low.get(node) !== index.get(node)) return;
    const group = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1 || (graph.get(node) ?? []).includes(node)) groups.push(group.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return groups;
}

/** The same graph one level up: src/<folder>/… → src/<folder> (files directly in src/ are the composition root). */
export function folderGraph(graph, root) {
  const folder = (file) => relative(root, file).split('/')[0].replace(/\.ts$/, '');
  const folders = new Map();
  for (const [file, targets] of graph) {
    const from = folder(file);
    const set = folders.get(from) ?? new Set();
    for (const t of targets) if (folder(t) !== from) set.add(folder(t));
    folders.set(from, set);
  }
  return new Map([...folders].map(([k, v]) => [k, [...v].sort()]));
}

/** For each folder cycle, one import that closes it, as "from-file → to-file" (what to move to break it). */
export function folderCycleEdges(graph, root, group) {
  const folder = (file) => relative(root, file).split('/')[0].replace(/\.ts$/, '');
  const members = new Set(group);
  const edges = [];
  for (const [file, targets] of graph) {
    for (const t of targets) {
      if (folder(file) !== folder(t) && members.has(folder(file)) && members.has(folder(t))) edges.push(`${relative(root, file)} → ${relative(root, t)}`);
    }
  }
  return edges;
}

/** A cycle group as "a.ts → b.ts → a.ts"-style relative names. */
export function describeCycle(group, root) {
  return group.map((f) => relative(root, f)).join(' ↔ ');
}
