// The headless `runbook` command over the same core as the extension.

import { Command } from 'commander';
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

  return program;
}

buildProgram().parse(process.argv);
