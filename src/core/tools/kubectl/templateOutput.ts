// The go-template printer a verb's output flags ask for: `-o go-template=T`,
// `-o template=T`, `-o go-template-file=F`, `-o templatefile=F`, or
// `--template T` (alone or with one of those formats), with
// --allow-missing-template-keys. Shared by get, config view, events, wait
// and the write verbs.

import { flagString, type ParsedArgs } from './args';
import { goTemplatePrinter, templateRequest, templateSource, type GoTemplatePrinter, type TemplateRequest } from './printers/goTemplate';
import type { KubectlRun } from './session';

/** The template the flags ask for; `templateAlone`: whether --template without -o asks for one (kubectl events ignores it then). */
function requested(args: ParsedArgs, templateAlone: boolean): TemplateRequest | undefined {
  return templateRequest({ output: flagString(args, 'output'), template: flagString(args, 'template'), templateAlone });
}

function printerFor(args: ParsedArgs, source: string): GoTemplatePrinter {
  return goTemplatePrinter(source, { allowMissingKeys: args.flags.get('allow-missing-template-keys') !== false });
}

/** The printer, or undefined when the flags ask for another one; throws GoTemplateError as kubectl fails. */
export function templatePrinter(run: KubectlRun, templateAlone = true): GoTemplatePrinter | undefined {
  const request = requested(run.args, templateAlone);
  return request && printerFor(run.args, templateSource(request, run.ctx.cwd));
}

/**
 * Whether the flags ask for a template, checked when the line is read: a
 * template given inline is parsed then, so a bad one fails before anything changes.
 */
export function checkTemplate(args: ParsedArgs): boolean {
  const request = requested(args, true);
  if (request && 'inline' in request) printerFor(args, request.inline);
  return request !== undefined;
}
