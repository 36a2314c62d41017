// Runs a built-in filter over an input, fed whole or in random chunks.
import { FILTERS, FilterUsageError } from '../../../src/core/pipeline';

export interface FilterRun {
  stdout: string;
  exitCode: number;
  stderr: string;
}

/** A small seeded generator, so a failing chunking can be reproduced. */
export function seededRandom(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function chunk(input: string, random: () => number): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i < input.length) {
    const size = 1 + Math.floor(random() * 40);
    parts.push(input.slice(i, i + size));
    i += size;
  }
  return parts;
}

/** Usage errors come back as exit status and stderr, the way a shell would show them. */
export async function runFilter(program: string, args: readonly string[], input: string | string[]): Promise<FilterRun> {
  let filter;
  try {
    filter = FILTERS[program]!(args);
  } catch (e) {
    if (e instanceof FilterUsageError) return { stdout: '', exitCode: e.exitCode, stderr: `${e.message}\n` };
    throw e;
  }
  let stdout = '';
  for (const part of typeof input === 'string' ? [input] : input) {
    stdout += filter.write(part);
    if (filter.done) break;
  }
  stdout += await filter.end();
  return { stdout, exitCode: filter.exitCode, stderr: filter.stderr ?? '' };
}
