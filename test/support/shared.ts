// Where the shared test data lives (../shared beside the project). Tests that
// need it skip, saying why, when it is absent.

import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(__dirname, '..', '..');
export const SHARED_DIR = resolve(PROJECT_ROOT, '..', 'shared');
export const SEED_RUNBOOK = join(SHARED_DIR, 'seeds', '000_3ed0df7564d0cc7c.txt');
export const CORPUS_DIR = join(SHARED_DIR, 'corpus', 'files');

/** false, or a reason string that node:test prints as the skip message. */
export function sharedMissing(): false | string {
  return existsSync(CORPUS_DIR) && existsSync(SEED_RUNBOOK)
    ? false
    : `shared test data not found at ${SHARED_DIR} (expected ../shared beside the project, with corpus/ and seeds/)`;
}

export function corpusFiles(): string[] {
  if (!existsSync(CORPUS_DIR)) return [];
  return readdirSync(CORPUS_DIR)
    .sort()
    .map((name) => join(CORPUS_DIR, name));
}
