// Which S3 buckets and HTTP URLs a runbook's steps name, for the health view's
// S3 and HTTP roots: the shell cells' commands parsed as the engine parses
// them, words expanded with the env the cells run with (`$S3_ARCHIVE_BUCKET`);
// a word that still needs a value (an unset variable, a <placeholder>) names
// nothing.

import type { Runbook } from '../../runbook';
import { expandWords, isShellLanguage, parseCell, type SimpleCommand, type Word } from '../../shell';

type Env = Readonly<Record<string, string | undefined>>;

export interface RunbookTargets {
  /** Bucket names, in the order the steps name them. */
  buckets: string[];
  /** URLs curl fetches, in the order the steps name them. */
  urls: string[];
}

/** curl options whose value is a URL that is not the one fetched, or is no URL. */
const CURL_OTHER_URLS = new Set(['-e', '--referer', '-x', '--proxy', '--preproxy', '--doh-url']);

export function runbookTargets(runbook: Runbook, env: Env): RunbookTargets {
  const buckets = new Set<string>();
  const urls = new Set<string>();
  for (const cell of runbook.codeCells) {
    if (!isShellLanguage(cell.language)) continue;
    for (const command of commandsOf(cell.text)) {
      const argv = expanded(command.words, env);
      if (argv[0] === 'aws' && (argv[1] === 's3' || argv[1] === 's3api')) for (const b of bucketsOf(argv)) buckets.add(b);
      if (argv[0] === 'curl') for (const u of curlUrls(argv)) urls.add(u);
    }
  }
  return { buckets: [...buckets], urls: [...urls] };
}

function commandsOf(text: string): SimpleCommand[] {
  try {
    return parseCell(text).statements.flatMap((s) => [s.first, ...s.rest.map((r) => r.pipeline)]).flatMap((p) => p.commands);
  } catch {
    // A cell the shell parser cannot read names nothing; running it says why.
    return [];
  }
}

/** The command's words with the env's values; undefined for a word that still needs one. */
function expanded(words: readonly Word[], env: Env): (string | undefined)[] {
  return words.flatMap((word) => {
    const expansion = expandWords([word], (name) => env[name]);
    return expansion.missing.length || expansion.placeholders.length || expansion.substitutions.length ? [undefined] : expansion.args;
  });
}

/** `s3://bucket/key` arguments and `--bucket NAME` (s3api). */
function bucketsOf(argv: readonly (string | undefined)[]): string[] {
  const found: string[] = [];
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === undefined) continue;
    if (arg.startsWith('s3://')) {
      const bucket = arg.slice(5).split('/')[0];
      if (bucket) found.push(bucket);
    } else if (arg === '--bucket') {
      const name = argv[++i];
      if (name) found.push(name);
    }
    else if (arg.startsWith('--bucket=')) found.push(arg.slice(9));
  }
  return found;
}

/** curl's URLs: http(s) arguments and --url values, not the values of options that take another URL. */
function curlUrls(argv: readonly (string | undefined)[]): string[] {
  const found: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === undefined) continue;
    if (CURL_OTHER_URLS.has(arg)) i++;
    else if (arg === '--url') {
      const url = argv[++i];
      if (url) found.push(url);
    } else if (/^https?:\/\//i.test(arg)) found.push(arg);
  }
  return found;
}
