// Types for imports.mjs (plain Node, read by the no-cycles test).
export type ImportGraph = Map<string, string[]>;
export function sourceFiles(dir: string): string[];
export function importGraph(dir: string): ImportGraph;
export function importCycles(graph: ImportGraph): string[][];
export function folderGraph(graph: ImportGraph, root: string): ImportGraph;
export function folderCycleEdges(graph: ImportGraph, root: string, group: readonly string[]): string[];
export function describeCycle(group: readonly string[], root: string): string;
