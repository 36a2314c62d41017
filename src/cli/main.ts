// The headless `runbook` command over the same core as the extension.

import { Command, InvalidArgumentError, Option } from 'commander';
import { checkCommand } from './check';
import { execCommand } from './exec';
import { commandFrom } from './execFrom';
import { exportCommand } from './export';
import { planCommand } from './plan';
import { roundtripCommand } from './roundtrip';
import { runRunbook } from './run';
import { showCommand } from './show';
import { healthCommand } from './health';
import { DEFAULT_MAX_OUTPUT_BYTES } from '../core/records';
import { DEFAULT_COMMAND_TIMEOUT_SECONDS } from '../core/runner';

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
    .argument('[command...]', "the command line, after '--'")
    .option('--from <file:line>', 'run the command a runbook has at a line instead: an inline command written in the prose there (FILE:LINE:N for the Nth), or the code cell that holds the line')
    .option('--var <name=value>', 'value for a variable or <placeholder> (repeatable)', collectVar, {})
    .option('-y, --yes', 'run state-changing commands without asking (not on a production target: see --confirm-target)', false)
    .option('--confirm-target <name>', 'run changes on this production target without asking (repeatable; the name a refusal prints)', collectList, [] as string[])
    .option('--read-only', 'refuse every command that changes state; run only reads', false)
    .option('--dry-run', 'print what each change would do (its preview) and change nothing; needs neither --yes nor --confirm-target', false)
    .option('--repeat <n>', 'run the command N times in one process and print timing on stderr', (v) => Number(v), 1)
    .option('--cwd <dir>', 'directory that relative paths resolve against', process.cwd())
    .option('--sql', 'treat the command as SQL statements, as in a sql cell', false)
    .option('--thresholds <runbook>', "judge each run against this runbook's thresholds (verdicts on stderr); a critical verdict stops --repeat")
    .option('--continue-on-critical', 'with --thresholds and --repeat, keep repeating after a critical verdict', false)
    .addOption(timeoutOption())
    .addHelpText('after', "\nExample: runbook exec -- 'kubectl get pods -l app=web | grep Running'\n         runbook exec --from docs/alerts.md:42   (the inline command written on line 42)\nExit status: the command's own, 127 when it needs a terminal, 124 when a command timed out (--timeout).")
    .action(async (words: string[], opts: { from?: string; var: Record<string, string>; yes: boolean; confirmTarget: string[]; readOnly: boolean; dryRun: boolean; repeat: number; cwd: string; sql: boolean; thresholds?: string; continueOnCritical: boolean; timeout: number }) => {
      if (!Number.isInteger(opts.repeat) || opts.repeat < 1) program.error('error: --repeat takes a whole number of at least 1');
      if (opts.from !== undefined && words.length) program.error("error: give either --from FILE:LINE or a command line after '--', not both");
      if (opts.from === undefined && !words.length) program.error("error: missing required argument 'command'");
      const from = opts.from === undefined ? undefined : commandFrom(opts.from);
      if (from && 'error' in from) {
        process.stderr.write(`runbook: ${from.error}\n`);
        process.exitCode = 1;
        return;
      }
      process.exitCode = await execCommand(from ? from.text : words.join(' '), {
        vars: opts.var, yes: opts.yes, repeat: opts.repeat, cwd: opts.cwd, language: from ? from.language : opts.sql ? 'sql' : 'shellscript',
        // A command taken from a runbook runs as a cell of that runbook: its thresholds judge, its production targets apply.
        thresholds: opts.thresholds, from: from ? { text: from.runbook } : undefined, continueOnCritical: opts.continueOnCritical, confirmTargets: opts.confirmTarget, readOnly: opts.readOnly, dryRun: opts.dryRun,
        commandTimeoutMs: opts.timeout * 1000,
      });
    });

  program
    .command('plan')
    .description('For each command in each code cell: the tool, whether it runs natively (or why not), and its effect (read, change or destructive).')
    .argument('<files...>', 'runbooks to plan')
    .option('--json', 'one JSON object per line: file, line, command, tool, native, terminal, reason, mutates, effect', false)
    .action(async (files: string[], opts: { json: boolean }) => {
      process.exitCode = await planCommand(files, opts, io);
    });

  program.addCommand(exportCommand(io));

  program
    .command('check')
    .description("Run the runbook's commands that only read state and judge what they measure against its thresholds.")
    .argument('<file>', 'the runbook')
    .option('--json', 'print one JSON document: verdicts, findings, cells, skipped commands, failures', false)
    .option('--sustained', 'count only breaches that lasted their duration (samples until the longest has passed)', false)
    .option('--var <name=value>', 'value for a variable or <placeholder> (repeatable)', collectVar, {})
    .option('--cwd <dir>', 'directory that relative paths resolve against (default: the runbook\'s)')
    .addOption(timeoutOption())
    .addOption(new Option('--stream-window <ms>', 'how long a streaming command runs for its one sample').argParser(Number).hideHelp())
    .addOption(new Option('--interval <ms>', 'with --sustained: time between samples').argParser(Number).hideHelp())
    .addOption(new Option('--duration-scale <factor>', 'multiply every threshold duration (tests)').argParser(Number).hideHelp())
    .addHelpText('after', '\nExit status: 0 ok, 1 warning, 2 critical (the highest verdict; not-measured thresholds do not count),\n3 when a command it ran failed (the check is incomplete), 4 when the runbook cannot be read.')
    .action(async (file: string, opts: { json: boolean; sustained: boolean; var: Record<string, string>; cwd?: string; timeout: number; streamWindow?: number; interval?: number; durationScale?: number }) => {
      const controller = new AbortController();
      const onSignal = () => controller.abort('interrupted');
      process.once('SIGINT', onSignal);
      try {
        process.exitCode = await checkCommand(file, {
          json: opts.json, sustained: opts.sustained, vars: opts.var, cwd: opts.cwd, signal: controller.signal, commandTimeoutMs: opts.timeout * 1000,
          streamWindowMs: opts.streamWindow, intervalMs: opts.interval, durationScale: opts.durationScale,
        }, io);
      } finally {
        process.off('SIGINT', onSignal);
      }
    });

  program
    .command('run')
    .description("Run every code cell of a runbook in order, as Run All does in the editor, printing what each command prints.")
    .argument('[file]', 'the runbook, or an incident record to add to')
    .option('--read-only', 'run only commands that read state; skip (and list) every other command', false)
    .option('--dry-run', 'print what each change would do (its preview) and change nothing; needs neither --yes nor --confirm-target', false)
    .option('-y, --yes', 'run state-changing commands without asking (not on a production target: see --confirm-target)', false)
    .option('--confirm-target <name>', 'run changes on this production target without asking (repeatable; the name a refusal prints)', collectList, [] as string[])
    .option('--var <name=value>', 'value for a variable or <placeholder> (repeatable)', collectVar, {})
    .option('--continue-on-failure', 'keep going after a failed cell', false)
    .option('--continue-on-critical', 'keep going after a cell whose verdict is critical', false)
    .option('--json', "print one JSON document: each cell's result, the level, skipped and failed commands", false)
    .option('--record [out]', 'write an incident record of the run (default: a new file under incidents/ beside the runbook)')
    .option('--resume', 'FILE is an incident record: run the cells after its last finished one, recording into it', false)
    .option('--records-folder <dir>', "where new records go, relative to the runbook's folder", 'incidents')
    .addOption(new Option('--max-output-bytes <n>', 'outputs larger than this go whole into a file beside the record').argParser(Number).default(DEFAULT_MAX_OUTPUT_BYTES))
    .option('--cwd <dir>', "directory that relative paths resolve against (default: the runbook's)")
    .addOption(timeoutOption())
    .addOption(new Option('--stream-window <ms>', 'how long a streaming command is sampled').argParser(Number).hideHelp())
    .addHelpText('after', '\nRunning an incident record (*.incident.md) records into it.\nExit status: 0 ok, 1 warning, 2 critical (the highest verdict), 3 when a step failed, was declined or lacked a value,\n4 when the runbook cannot be read. Skipped changes (--read-only) are not failures.')
    .action(async (given: string | undefined, opts: { readOnly: boolean; dryRun: boolean; yes: boolean; confirmTarget: string[]; var: Record<string, string>; continueOnFailure: boolean; continueOnCritical: boolean; json: boolean; record?: string | boolean; resume: boolean; recordsFolder: string; maxOutputBytes: number; cwd?: string; timeout: number; streamWindow?: number }) => {
      // `run --record FILE`: the optional value took the runbook's path.
      let file = given;
      if (file === undefined && typeof opts.record === 'string') [file, opts.record] = [opts.record, true];
      if (file === undefined) return program.error("error: missing required argument 'file'");
      const controller = new AbortController();
      const onSignal = () => controller.abort('interrupted');
      process.once('SIGINT', onSignal);
      try {
        process.exitCode = await runRunbook(file, { ...opts, vars: opts.var, confirmTargets: opts.confirmTarget, streamWindowMs: opts.streamWindow, commandTimeoutMs: opts.timeout * 1000, signal: controller.signal }, {
          ...io,
          stdout: (text) => void process.stdout.write(text),
          stderr: (text) => void process.stderr.write(text),
        });
      } finally {
        process.off('SIGINT', onSignal);
      }
    });

  program
    .command('health')
    .description("The health view's tree in a terminal: the cluster, database, cache, buckets and endpoints, judged by the runbook's thresholds.")
    .argument('<file>', 'the runbook whose thresholds judge (and whose steps name the buckets and URLs)')
    .option('--json', 'print the model as one JSON document: level, exitCode, roots', false)
    .option('--watch', 'print again on each change, until interrupted', false)
    .option('--context <name>', 'a Kubernetes context to show besides the current one (repeatable)', collectList, [] as string[])
    .addOption(new Option('--metrics-interval <seconds>', 'seconds between metrics polls').argParser(Number).default(15))
    .addHelpText('after', '\nExit status: 0, 1 or 2 from the highest level; 3 when a source could not be read; 4 when the runbook cannot be read.')
    .action(async (file: string, opts: { json: boolean; watch: boolean; context: string[]; metricsInterval: number }) => {
      const controller = new AbortController();
      const onSignal = () => controller.abort('interrupted');
      process.once('SIGINT', onSignal);
      try {
        process.exitCode = await healthCommand(file, { json: opts.json, watch: opts.watch, contexts: opts.context, signal: controller.signal, metricsIntervalSeconds: opts.metricsInterval }, io);
      } finally {
        process.off('SIGINT', onSignal);
      }
    });

  program
    .command('show')
    .description('Print what an incident record holds: its header, and each recorded run with its line, command, time, exit code, target, verdict and output size.')
    .argument('<record>', 'the incident record (*.incident.md)')
    .option('--json', 'print one JSON document: header, runs, timeline', false)
    .addHelpText('after', '\nExit status: 0, or 4 when the file cannot be read or is not an incident record.')
    .action((file: string, opts: { json: boolean }) => {
      process.exitCode = showCommand(file, opts, io);
    });

  return program;
}

/** `--timeout SECONDS` for the commands that run a runbook's commands (exec, run, check). */
function timeoutOption(): Option {
  return new Option('--timeout <seconds>', 'stop each command that runs longer, as Ctrl-C would, and fail it (0: no limit; streams and commands given their own --timeout are exempt)')
    .argParser(timeoutSeconds)
    .default(DEFAULT_COMMAND_TIMEOUT_SECONDS);
}

function timeoutSeconds(value: string): number {
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds < 0) throw new InvalidArgumentError(`expected a number of seconds (0 for no limit), got '${value}'`);
  return seconds;
}

function collectList(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function collectVar(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`expected NAME=VALUE, got '${value}'`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

void buildProgram().parseAsync(process.argv);
