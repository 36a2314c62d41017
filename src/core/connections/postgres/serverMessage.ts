// Server errors and notices as libpq words them for psql: severity, message,
// the `LINE n:` excerpt with its caret (libpq's 60-column truncation),
// DETAIL, HINT, QUERY and CONTEXT; and the words for a session that ended.

import { charWidth } from '../../text';

/** The fields of an ErrorResponse or NoticeResponse (pg's DatabaseError carries them). */
export interface ServerMessage {
  severity?: string;
  code?: string;
  message: string;
  detail?: string;
  hint?: string;
  position?: string;
  internalPosition?: string;
  internalQuery?: string;
  where?: string;
}

const DISPLAY_SIZE = 60;
const MIN_RIGHT_CUT = 10;

/** The `LINE n: ...` excerpt and caret line for a 1-based character position in the query. */
export function errorCursor(query: string, position: number): string {
  const loc = position - 1;
  if (loc < 0) return '';
  const chars = [...query];
  const scr: number[] = [];
  let scroffset = 0;
  let locLine = 1;
  let ibeg = 0;
  let iend = -1;
  let cno = 0;
  for (; cno < chars.length; cno++) {
    const ch = chars[cno];
    scr[cno] = scroffset;
    if (ch === '\t') chars[cno] = ' ';
    else if (ch === '\r' || ch === '\n') {
      if (cno < loc) {
        if (ch === '\r' || cno === 0 || chars[cno - 1] !== '\r') locLine++;
        ibeg = cno + 1;
      } else {
        iend = cno;
        break;
      }
    }
    const w = charWidth(chars[cno]);
    scroffset += w <= 0 ? 1 : w;
  }
  if (iend < 0) {
    iend = cno;
    scr[iend] = scroffset;
  }
  if (loc > cno) return '';
  let begTrunc = false;
  let endTrunc = false;
  if (scr[iend] - scr[ibeg] > DISPLAY_SIZE) {
    if (scr[ibeg] + DISPLAY_SIZE >= scr[loc] + MIN_RIGHT_CUT) {
      while (scr[iend] - scr[ibeg] > DISPLAY_SIZE) iend--;
      endTrunc = true;
    } else {
      while (scr[loc] + MIN_RIGHT_CUT < scr[iend]) {
        iend--;
        endTrunc = true;
      }
      while (scr[iend] - scr[ibeg] > DISPLAY_SIZE) {
        ibeg++;
        begTrunc = true;
      }
    }
  }
  const prefix = `LINE ${locLine}: ${begTrunc ? '...' : ''}`;
  const line = chars.slice(ibeg, iend).join('') + (endTrunc ? '...' : '');
  return `${prefix}${line}\n${' '.repeat(prefix.length + scr[loc] - scr[ibeg])}^\n`;
}

/**
 * The message psql prints for a server error or notice (default verbosity;
 * CONTEXT only for errors). `query` is the text that was sent.
 */
export function formatServerMessage(msg: ServerMessage, query: string | undefined, isError: boolean): string {
  let out = `${msg.severity ?? 'ERROR'}:  ${msg.message}\n`;
  if (msg.position && query !== undefined) out += errorCursor(query, Number(msg.position));
  else if (msg.internalPosition && msg.internalQuery) out += errorCursor(msg.internalQuery, Number(msg.internalPosition));
  if (msg.detail) out += `DETAIL:  ${msg.detail}\n`;
  if (msg.hint) out += `HINT:  ${msg.hint}\n`;
  if (msg.internalQuery) out += `QUERY:  ${msg.internalQuery}\n`;
  if (isError && msg.where) out += `CONTEXT:  ${msg.where}\n`;
  return out;
}

export const LOST_CONNECTION =
  'server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n\tbefore or while processing the request.\n';
