// kubectl's go-template printer (`-o go-template=...`, `-o template=...`,
// `-o go-template-file=...`, `-o templatefile=...`, `--template`): which
// template the flags give, and what kubectl prints with it, including its
// errors and the debugging text it writes to stdout when a template fails.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Execution, GoTemplateExecError } from './goTemplateExec';
import { FUNCTIONS } from './goTemplateFuncs';
import { GoTemplateParseError, parseGoTemplate, type ParsedTemplate } from './goTemplateParser';
import { goJson, goQuote, goSprint } from './goValues';

/** A failure in kubectl's words: what it wrote to stdout before failing, and its stderr. */
export class GoTemplateError extends Error {
  override readonly name = 'GoTemplateError';

  constructor(
    readonly stderr: string,
    readonly stdout = '',
  ) {
    super(stderr.replace(/\n$/, ''));
  }
}

const TEMPLATE_FORMATS = ['go-template', 'go-template-file', 'template', 'templatefile'];

export interface TemplateFlags {
  /** -o as given (undefined when absent). */
  output: string | undefined;
  /** --template as given. */
  template: string | undefined;
  /** Whether --template without -o means -o go-template (as in get and config view; not in events). */
  templateAlone: boolean;
}

/** A template the flags ask for: given inline, or the path of a file holding it. */
export type TemplateRequest = { inline: string } | { file: string };

/**
 * The template the flags ask for, or undefined when they ask for another
 * printer. Throws GoTemplateError for a template format without a template.
 */
export function templateRequest(flags: TemplateFlags): TemplateRequest | undefined {
  const templateFlag = flags.template ?? '';
  let format = flags.output ?? '';
  if (templateFlag !== '' && flags.output === undefined && flags.templateAlone) format = 'go-template';
  let value = templateFlag;
  if (templateFlag === '') {
    const prefixed = TEMPLATE_FORMATS.find((f) => format.startsWith(`${f}=`));
    if (prefixed) {
      value = format.slice(prefixed.length + 1);
      format = prefixed;
    }
  }
  if (!TEMPLATE_FORMATS.includes(format)) return undefined;
  if (value === '') throw new GoTemplateError('error: template format specified but no template given\n');
  return format === 'templatefile' || format === 'go-template-file' ? { file: value } : { inline: value };
}

/** The text of a requested template; a relative file path starts at `cwd`. Throws GoTemplateError when the file cannot be read. */
export function templateSource(request: TemplateRequest, cwd: string): string {
  if ('inline' in request) return request.inline;
  try {
    return readFileSync(resolve(cwd, request.file), 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message;
    throw new GoTemplateError(`error: error reading --template ${request.file}, open ${request.file}: ${reason}\n`);
  }
}

export interface GoTemplatePrinter {
  /** What kubectl prints for one object (or List); throws GoTemplateError when the template fails on it. */
  print(object: unknown): string;
}

const FUNCTION_NAMES: ReadonlySet<string> = new Set(FUNCTIONS.keys());

/** Parses a template as kubectl does (named "output"); throws GoTemplateError worded as kubectl words it. */
export function goTemplatePrinter(source: string, options: { allowMissingKeys?: boolean } = {}): GoTemplatePrinter {
  let tree: ParsedTemplate;
  try {
    tree = parseGoTemplate(source, 'output', FUNCTION_NAMES);
  } catch (e) {
    if (!(e instanceof GoTemplateParseError)) throw e;
    throw new GoTemplateError(`error: error parsing template ${source}, ${e.message}\n`);
  }
  const missingKeyError = options.allowMissingKeys === false;
  return {
    print(object: unknown): string {
      const execution = new Execution(source, 'output', tree, { missingKeyError });
      try {
        return execution.run(object);
      } catch (e) {
        if (!(e instanceof GoTemplateExecError)) throw e;
        const debug =
          `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
          `\ttemplate was:\n\t\t${source}\n` +
          `\traw data was:\n\t\t${goJson(object)}\n` +
          `\tobject given to template engine was:\n\t\t${goSprint(object)}\n\n`;
        throw new GoTemplateError(`error: error executing template ${goQuote(source)}: ${e.message}\n`, execution.output + debug);
      }
    },
  };
}
