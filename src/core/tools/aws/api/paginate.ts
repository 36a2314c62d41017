// The aws CLI's automatic pagination (botocore's PageIterator): requests
// follow the service's continuation token until the last page, or until
// --max-items are collected; the point to resume from becomes `NextToken`,
// base64 of a small JSON object, so a token from the real CLI works here and
// the other way round.

import { PagedResponse, getPath, setPath } from '../output/paged';
import type { CliObject, CliValue } from './shape';

export interface PaginatorSpec {
  /** Request members carrying the continuation (`ContinuationToken`). */
  inputTokens: readonly string[];
  /** Where each is found in a response (`NextContinuationToken`, `DistributionList.NextMarker`). */
  outputTokens: readonly string[];
  /** A response member saying more pages follow (`IsTruncated`). */
  moreResults?: string;
  /** The request member --page-size sets (`MaxKeys`). */
  limitKey: string;
  /** The members collected across pages; the first is the one --max-items counts. */
  resultKeys: readonly string[];
  /** Members taken from the first page only (null when absent). */
  nonAggregateKeys: readonly string[];
}

export interface PagingOptions {
  maxItems?: number;
  pageSize?: number;
  startingToken?: string;
}

export class PaginationError extends Error {}

type Token = Record<string, string | number | null>;

/** Python's json.dumps (default separators, ASCII only) of the token, base64 encoded. */
export function encodeToken(token: Token): string {
  const body = Object.entries(token)
    .map(([k, v]) => `${pyJson(k)}: ${v === null ? 'null' : typeof v === 'number' ? String(v) : pyJson(v)}`)
    .join(', ');
  return Buffer.from(`{${body}}`, 'utf8').toString('base64');
}

function pyJson(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function decodeToken(text: string, spec: PaginatorSpec): { token: Token; truncate: number } {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const token = { ...(parsed as Token) };
      const truncate = Number(token.boto_truncate_amount ?? 0);
      delete token.boto_truncate_amount;
      return { token, truncate };
    }
  } catch {
    // The older "a___b___3" form.
  }
  const parts = text.split('___');
  if (parts.length < spec.inputTokens.length) throw new PaginationError(`Bad starting token: ${text}`);
  const token: Token = {};
  spec.inputTokens.forEach((name, i) => (token[name] = parts[i] === 'None' ? null : parts[i]!));
  const last = parts[spec.inputTokens.length];
  return { token, truncate: last !== undefined && /^\d+$/.test(last) ? Number(last) : 0 };
}

function injectToken(request: Record<string, unknown>, token: Token): void {
  for (const [name, value] of Object.entries(token)) {
    if (value !== null && value !== 'None') request[name] = value;
    else delete request[name];
  }
}

function emptyLike(sample: CliValue | undefined): CliValue {
  if (Array.isArray(sample)) return [];
  if (typeof sample === 'string') return '';
  if (typeof sample === 'number') return 0;
  return null;
}

/** Runs the requests and gathers the pages the way botocore does. */
export async function paginate(
  spec: PaginatorSpec,
  request: Record<string, unknown>,
  options: PagingOptions,
  send: (request: Record<string, unknown>) => Promise<CliObject>,
): Promise<PagedResponse> {
  const input = { ...request };
  let startTruncation = 0;
  if (options.startingToken !== undefined) {
    const decoded = decodeToken(options.startingToken, spec);
    injectToken(input, decoded.token);
    startTruncation = decoded.truncate;
  }
  if (options.pageSize !== undefined) input[spec.limitKey] = options.pageSize;
  const primary = spec.resultKeys[0]!;
  const pages: CliObject[] = [];
  const nonAggregate: CliObject = {};
  let resumeToken: Token | undefined;
  let previous: string | undefined;
  let total = 0;
  let first = true;
  for (;;) {
    const page = await send(input);
    let truncation = 0;
    if (first) {
      if (options.startingToken !== undefined) {
        const all = getPath(page, primary);
        setPath(page, primary, Array.isArray(all) ? all.slice(startTruncation) : typeof all === 'string' ? all.slice(startTruncation) : null);
        for (const key of spec.resultKeys.slice(1)) setPath(page, key, emptyLike(getPath(page, key)));
        truncation = startTruncation;
      }
      for (const key of spec.nonAggregateKeys) setPath(nonAggregate, key, getPath(page, key) ?? null);
      first = false;
    }
    const current = getPath(page, primary);
    const count = Array.isArray(current) || typeof current === 'string' ? current.length : 0;
    const over = options.maxItems !== undefined ? total + count - options.maxItems : 0;
    if (over > 0) {
      const keep = count - over;
      const list = Array.isArray(current) ? current.slice(0, keep) : typeof current === 'string' ? current.slice(0, keep) : [];
      setPath(page, primary, list);
      const token = currentToken(spec, input);
      token.boto_truncate_amount = keep + truncation;
      resumeToken = token;
      pages.push(page);
      break;
    }
    pages.push(page);
    total += count;
    const next = nextToken(spec, page);
    if (Object.values(next).every((v) => v === null)) break;
    if (options.maxItems !== undefined && total === options.maxItems) {
      resumeToken = next;
      break;
    }
    const key = JSON.stringify(next);
    if (previous === key) throw new PaginationError(`The same next token was received twice: ${JSON.stringify(next)}`);
    injectToken(input, next);
    previous = key;
  }
  return new PagedResponse(spec.resultKeys, pages, nonAggregate, resumeToken && encodeToken(resumeToken));
}

/** The token that requested the page now being cut (botocore keeps it per request). */
function currentToken(spec: PaginatorSpec, input: Record<string, unknown>): Token {
  const token: Token = {};
  for (const name of spec.inputTokens) {
    const v = input[name];
    token[name] = v === undefined || v === null ? null : (v as string);
  }
  return token;
}

function nextToken(spec: PaginatorSpec, page: CliObject): Token {
  const token: Token = {};
  if (spec.moreResults && !getPath(page, spec.moreResults)) return token;
  spec.inputTokens.forEach((name, i) => {
    const v = getPath(page, spec.outputTokens[i]!);
    token[name] = v ? (v as string) : null;
  });
  return token;
}
