// The headless `runbook` command over the same core as the extension.

import { Command, InvalidArgumentError } from 'commander';
import { execCommand } from './exec';
import { planCommand } from './plan';
import { roundtripCommand } from './roundtrip';

const io = {
  out: (line: string) => process.stdout.write(line + '\n'),
  err: (line: string) => process.stderr.write(line + '\n'),
};

export function buildProgram(): Command {
  const program = new Command('runbook')
    .description('Run and check Markdown runbooks from the command line.')
    .version(process.env.RUNBOOK_VERSION ?? '0.0.0-dev')
    .showHelpAfterError();

  program
    .command('roundtrip')
    .description('Open each file as a runbook notebook and save it unchanged; report whether the bytes are identical.')
    .argument('<files...>', 'Markdown files to check')
    .addHelpText('after', '\nExit status: 0 if every file is identical, 1 if any differs, 2 if any could not be read.')
    .action((files: string[]) => {
      process.exitCode = roundtripCommand(files, io);
    });

  program
    .command('exec')
    .description('Run one command line natively (kubectl, and the tools added later), printing what the real CLI prints.')
    .argument('<command...>', "the command line, after '--'")
    .option('--var <name=value>', 'value for a variable or <placeholder> (repeatable)', collectVar, {})
    .option('-y, --yes', 'run state-changing commands without asking', false)
    .option('--repeat <n>', 'run the command N times in one process and print timing on stderr', (v) => Number(v), 1)
    .option('--cwd <dir>', 'directory that relative paths resolve against', process.cwd())
    .option('--sql', 'treat the command as SQL statements, as in a sql cell', false)
    .addHelpText('after', "\nExample: runbook exec -- 'kubectl get pods -l app=web | grep Running'\nExit status: the command's own, 127 when it needs a terminal.")
    .action(async (words: string[], opts: { var: Record<string, string>; yes: boolean; repeat: number; cwd: string; sql: boolean }) => {
      if (!Number.isInteger(opts.repeat) || opts.repeat < 1) program.error('error: --repeat takes a whole number of at least 1');
      process.exitCode = await execCommand(words.join(' '), { vars: opts.var, yes: opts.yes, repeat: opts.repeat, cwd: opts.cwd, language: opts.sql ? 'sql' : 'shellscript' });
    });

  program
    .command('plan')
    .description('For each command in each code cell: the tool, whether it runs natively (or why not), and whether it changes state.')
    .argument('<files...>', 'runbooks to plan')
    .option('--json', 'one JSON object per line: file, line, command, tool, native, terminal, reason, mutates', false)
    .action((files: string[], opts: { json: boolean }) => {
      process.exitCode = planCommand(files, opts, io);
    });

  return program;
}

function collectVar(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`expected NAME=VALUE, got '${value}'`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

void buildProgram().parseAsync(process.argv);
