// No import cycles in src/: neither between files nor between folders (nlu, knowledge, conversation...), so each
// layer can be read, tested and changed without the ones above it. The graph is read with TypeScript's own
// import scanner (scripts/lib/imports.mjs, also behind `npm run house`); type-only imports count too.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/knowledge/paths.js';
import { folderCycleEdges, folderGraph, importCycles, importGraph } from '../../scripts/lib/imports.mjs';

const src = join(PROJECT_ROOT, 'src');
type Graph = Map<string, string[]>;

describe('the import graph of src/', () => {
  const graph: Graph = importGraph(src);

  it('is read: every file is in it and the composition root reaches the core', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get(join(src, 'app.ts'))).toContain(join(src, 'conversation/conversation.ts'));
  });

  it('has no cycle between files', () => {
    const cycles: string[][] = importCycles(graph);
    expect(cycles.map((group) => group.map((f) => f.slice(src.length + 1)).join(' ↔ '))).toEqual([]);
  });

  it('has no cycle between folders', () => {
    const folders: Graph = folderGraph(graph, src);
    const cycles: string[][] = importCycles(folders);
    // On failure, the imports that close each cycle: one of them has to go (or its target move down a layer).
    expect(cycles.map((group) => ({ folders: group, imports: folderCycleEdges(graph, src, group) }))).toEqual([]);
  });

  it('finds a cycle when there is one (the check can fail)', () => {
    const a = join(src, 'a.ts');
    const b = join(src, 'x/b.ts');
    const c = join(src, 'y/c.ts');
    const looped: Graph = new Map([[a, [b]], [b, [c]], [c, [b]]]);
    expect(importCycles(looped)).toEqual([[b, c].sort()]);
    expect(importCycles(folderGraph(looped, src))).toEqual([['x', 'y']]);
  });
});
