#!/usr/bin/env node
// The state of the house in a few figures (for closing notes, before/after a refactor): the largest functions,
// import cycles, files per folder and long lines in src/. `npm run house`, or `npm run house -- --json`.
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describeCycle, folderGraph, importCycles, importGraph, sourceFiles } from './lib/imports.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const LONG_LINE = 160;

function functionName(node, sf) {
  if (node.name) return node.name.getText(sf);
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)))
    return parent.name.getText(sf);
  return '(anonymous)';
}

/** Every function-like body in the file with its length in lines (nested functions count inside their parent too). */
function functions(file) {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const walk = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      found.push({ name: functionName(node, sf), file: relative(root, file), line: start + 1, lines: end - start + 1 });
    }
    ts.forEachChild(node, walk);
  };
  walk(sf);
  return found;
}

const files = sourceFiles(src);
const all = files.flatMap(functions).sort((a, b) => b.lines - a.lines);
const graph = importGraph(src);
const cycles = importCycles(graph);
const folderCycles = importCycles(folderGraph(graph, src));
const perFolder = {};
for (const f of files) {
  const folder = relative(root, dirname(f));
  perFolder[folder] = (perFolder[folder] ?? 0) + 1;
}
const longLines = files.flatMap((f) =>
  readFileSync(f, 'utf8')
    .split('\n')
    .map((l, i) => ({ file: relative(root, f), line: i + 1, length: l.length }))
    .filter((l) => l.length > LONG_LINE),
);
const totalLines = files.reduce((n, f) => n + readFileSync(f, 'utf8').split('\n').length, 0);

const figures = {
  files: files.length,
  lines: totalLines,
  largestFunctions: all.slice(0, 5),
  functionsOver50Lines: all.filter((f) => f.lines > 50).length,
  importCycles: cycles.length,
  cycles: cycles.map((g) => describeCycle(g, root)),
  folderCycles: folderCycles.length,
  folderCycleGroups: folderCycles.map((g) => g.join(' ↔ ')),
  filesPerFolder: Object.fromEntries(Object.entries(perFolder).sort(([a], [b]) => a.localeCompare(b))),
  linesOver160: longLines.length,
};

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(figures, null, 2));
} else {
  console.log(`src: ${figures.files} files, ${figures.lines} lines`);
  console.log('\nLargest functions (lines):');
  for (const f of figures.largestFunctions) console.log(`  ${String(f.lines).padStart(4)}  ${f.name}  ${f.file}:${f.line}`);
  console.log(`  functions over 50 lines: ${figures.functionsOver50Lines}`);
  console.log(`\nImport cycles: ${figures.importCycles}`);
  for (const c of figures.cycles) console.log(`  ${c}`);
  console.log(`Folder cycles (src/<folder> importing each other): ${figures.folderCycles}`);
  for (const c of figures.folderCycleGroups) console.log(`  ${c}`);
  console.log('\nFiles per folder:');
  for (const [folder, n] of Object.entries(figures.filesPerFolder)) console.log(`  ${String(n).padStart(3)}  ${folder}`);
  console.log(`\nLines over ${LONG_LINE} characters in src: ${figures.linesOver160}`);
  console.log(`\n${JSON.stringify({ ...figures, largestFunctions: figures.largestFunctions.slice(0, 1), cycles: undefined, folderCycleGroups: undefined })}`);
}
