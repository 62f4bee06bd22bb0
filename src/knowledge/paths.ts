// Where the knowledge files are, from configuration, resolved against the project root.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface KnowledgePaths {
  readonly intentsDir: string;
  readonly localesDir: string;
  readonly localityFile: string;
  readonly webDir: string;
}

export function knowledgePaths(config: { INTENTS_DIR: string; LOCALES_DIR: string; LOCALITY_FILE: string }, root = PROJECT_ROOT): KnowledgePaths {
  return {
    intentsDir: resolve(root, config.INTENTS_DIR),
    localesDir: resolve(root, config.LOCALES_DIR),
    localityFile: resolve(root, config.LOCALITY_FILE),
    webDir: resolve(root, 'web'),
  };
}
