// psql's display and behaviour settings (\pset, \x, \timing, -v variables):
// fresh for every psql command, kept across SQL cells of one notebook session.

import { parseBool } from './args';
import { DEFAULT_PRINT, type PrintOptions } from './format';

export interface PsqlState {
  print: PrintOptions;
  nullPrint: string;
  title?: string;
  timing: boolean;
  quiet: boolean;
  onErrorStop: boolean;
  echoQueries: boolean;
  variables: Record<string, string>;
}

export function defaultState(): PsqlState {
  return { print: { ...DEFAULT_PRINT }, nullPrint: '', timing: false, quiet: false, onErrorStop: false, echoQueries: false, variables: {} };
}

/** `\set NAME value` / `-v NAME=value`: the variables psql itself reads. */
export function setVariable(state: PsqlState, name: string, value: string | undefined): void {
  if (value === undefined) delete state.variables[name];
  else state.variables[name] = value;
  if (name === 'ON_ERROR_STOP') state.onErrorStop = parseBool(value) ?? false;
  else if (name === 'QUIET') state.quiet = parseBool(value) ?? false;
  else if (name === 'ECHO') state.echoQueries = value === 'queries' || value === 'all';
}

export class PsetError extends Error {}

const FORMATS = ['aligned', 'unaligned', 'csv'] as const;

function toggle(current: boolean, value: string | undefined, name: string): boolean {
  if (value === undefined) return !current;
  const parsed = parseBool(value);
  if (parsed === undefined) throw new PsetError(`unrecognized value "${value}" for "${name}": Boolean expected`);
  return parsed;
}

/** Applies `\pset NAME [VALUE]` and returns psql's confirmation line. */
export function applyPset(state: PsqlState, name: string, value: string | undefined): string {
  const p = state.print;
  switch (name) {
    case 'format': {
      if (value === undefined) return `Output format is ${p.format}.`;
      const match = FORMATS.filter((f) => f.startsWith(value.toLowerCase()));
      if (match.length !== 1) throw new PsetError(`\\pset: allowed formats are aligned, asciidoc, csv, html, latex, latex-longtable, troff-ms, unaligned, wrapped`);
      p.format = match[0];
      return `Output format is ${p.format}.`;
    }
    case 'border':
      if (value !== undefined) p.border = Math.max(0, Number.parseInt(value, 10) || 0);
      return `Border style is ${p.border}.`;
    case 'x':
    case 'expanded':
      if (value === 'auto') {
        p.expanded = false;
        return 'Expanded display is used automatically.';
      }
      p.expanded = toggle(p.expanded, value, 'expanded');
      return `Expanded display is ${p.expanded ? 'on' : 'off'}.`;
    case 't':
    case 'tuples_only':
      p.tuplesOnly = toggle(p.tuplesOnly, value, 'tuples_only');
      return `Tuples only is ${p.tuplesOnly ? 'on' : 'off'}.`;
    case 'null':
      if (value !== undefined) state.nullPrint = value;
      return `Null display is "${state.nullPrint}".`;
    case 'fieldsep':
      if (value !== undefined) p.fieldSep = value;
      return `Field separator is "${p.fieldSep}".`;
    case 'fieldsep_zero':
      p.fieldSep = '\0';
      return 'Field separator is zero byte.';
    case 'recordsep':
      if (value !== undefined) p.recordSep = value;
      return p.recordSep === '\n' ? 'Record separator is <newline>.' : `Record separator is "${p.recordSep}".`;
    case 'recordsep_zero':
      p.recordSep = '\0';
      return 'Record separator is zero byte.';
    case 'csv_fieldsep':
      if (value !== undefined) p.csvFieldSep = value;
      return `Field separator for CSV is "${p.csvFieldSep}".`;
    case 'footer':
      p.defaultFooter = toggle(p.defaultFooter, value, 'footer');
      // psql 15 confirms only when the footer comes back on.
      return p.defaultFooter ? 'Default footer is on.' : '';
    case 'title':
      state.title = value || undefined;
      return state.title === undefined ? 'Title is unset.' : `Title is "${state.title}".`;
    case 'pager':
      if (value === 'always') return 'Pager is always used.';
      return parseBool(value ?? 'on') === false ? 'Pager usage is off.' : 'Pager is used for long output.';
    case 'linestyle':
      if (value !== undefined && !'ascii'.startsWith(value)) throw new PsetError('\\pset: allowed line styles are ascii, old-ascii, unicode');
      return 'Line style is ascii.';
    case 'columns':
      return `Target width is ${Number.parseInt(value ?? '0', 10) || 'unset'}.`;
    case 'numericlocale':
      return `Locale-adjusted numeric output is ${parseBool(value ?? 'on') === false ? 'off' : 'on'}.`;
    case 'pager_min_lines':
      return '';
    default:
      throw new PsetError(`\\pset: unknown option: ${name}`);
  }
}
