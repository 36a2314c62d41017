// The go-template printer a verb's output flags ask for: `-o go-template=T`,
// `-o template=T`, `-o go-template-file=F`, `-o templatefile=F`, or
// `--template T` (alone or with one of those formats), with
// --allow-missing-template-keys. Shared by get, config view and events.

import { flagString } from '../args';
import { goTemplatePrinter, templateFromFlags, type GoTemplatePrinter } from '../printers/goTemplate';
import type { KubectlRun } from '../session';

/**
 * The printer, or undefined when the flags ask for another one; throws GoTemplateError as kubectl fails.
 * `templateAlone`: whether --template without -o selects it (kubectl events ignores it then).
 */
export function templatePrinter(run: KubectlRun, templateAlone = true): GoTemplatePrinter | undefined {
  const { args, ctx } = run;
  const source = templateFromFlags({ output: flagString(args, 'output'), template: flagString(args, 'template'), cwd: ctx.cwd, templateAlone });
  if (source === undefined) return undefined;
  return goTemplatePrinter(source, { allowMissingKeys: args.flags.get('allow-missing-template-keys') !== false });
}
