// aws as a native tool: `aws s3 ...`, `aws s3api ...` and `aws cloudfront ...`
// run in-process through the AWS SDK for JavaScript with aws-cli 1.x's output
// and exit codes; other services say they are not native and offer a terminal.

import { toolPlan, unreadableLine, type ParsedCommand, type Target, type Tool, type ToolContext, type ToolPlan } from '../../engine/tool';
import { cloudfrontCommands, s3apiCommands } from './api';
import { genericS3apiCommand } from './api/genericS3api';
import { operationEffect } from './readOperations';
import { AwsUsageError, invalidChoice, parseAwsArgs, usageError, type AwsArgs } from './args';
import { AWS_COMMANDS, CLOUDFRONT_OPERATIONS, S3API_OPERATIONS } from './choices';
import { createAwsContext } from './clients';
import { registerCredentials } from './secrets';
import { AwsConfigError, resolveAwsSettings, type AwsSettings } from './config';
import type { AwsCommand, AwsCommandTable } from './context';
import { describeAwsError } from './s3/errors';
import { S3_COMMAND_ORDER, s3Commands } from './s3';
import { awsPreview } from './preview';

const TABLES: Record<string, { table: AwsCommandTable; choices: readonly string[]; argument: string; sdkService: string }> = {
  s3: { table: s3Commands, choices: S3_COMMAND_ORDER, argument: 'subcommand', sdkService: 's3' },
  s3api: { table: s3apiCommands, choices: S3API_OPERATIONS, argument: 'operation', sdkService: 's3' },
  cloudfront: { table: cloudfrontCommands, choices: CLOUDFRONT_OPERATIONS, argument: 'operation', sdkService: 'cloudfront' },
};

/** The implementation of `aws SERVICE OPERATION`: its own definition, or for s3api any S3 operation by name. */
function commandFor(service: string, operation: string): AwsCommand | undefined {
  return TABLES[service]?.table[operation] ?? (service === 's3api' ? genericS3apiCommand(operation) : undefined);
}

/** aws-cli's usage error for a service or operation it does not have (`aws s3 lss`), if the line names one. */
function misspelt(args: AwsArgs): AwsUsageError | undefined {
  if (args.version || args.service === undefined) return undefined;
  if (!AWS_COMMANDS.includes(args.service)) return invalidChoice('command', args.service, AWS_COMMANDS);
  const entry = TABLES[args.service];
  // `help` after any command shows its help page.
  if (!entry || args.operation === undefined || args.operation === 'help' || entry.choices.includes(args.operation)) return undefined;
  return invalidChoice(entry.argument, args.operation, entry.choices);
}

/** Why a line that names only real commands does not run natively, if it does not. */
function notNative(args: AwsArgs): string | undefined {
  if (args.version) return 'aws --version reports the installed aws CLI; run it in a terminal';
  if (args.service === undefined) return undefined;
  const entry = TABLES[args.service];
  if (!entry) return `aws ${args.service} is not available natively (only s3, s3api and cloudfront are); run it in a terminal`;
  if (args.operation === 'help' || args.rest.includes('help')) return 'aws help pages are not available natively; run it in a terminal';
  if (args.operation !== undefined && !commandFor(args.service, args.operation)) {
    return `aws ${args.service} ${args.operation} is not available natively; run it in a terminal`;
  }
  return undefined;
}

function bucketOf(args: AwsArgs): string | undefined {
  const words = [args.operation ?? '', ...args.rest];
  const s3 = words.find((w) => w.startsWith('s3://'));
  if (s3) return s3.slice(5).split('/')[0] || undefined;
  const i = words.findIndex((w) => w === '--bucket');
  if (i >= 0) return words[i + 1];
  return words.find((w) => w.startsWith('--bucket='))?.slice(9);
}

export function awsTarget(args: AwsArgs, s: AwsSettings): Target {
  const where = s.endpointUrl ?? s.region;
  if (args.service === 'cloudfront') {
    return { kind: 'cloudfront', label: `cloudfront ${where}`, name: s.profileName, details: { endpoint: where, profile: s.profileName } };
  }
  const bucket = bucketOf(args);
  const details: Record<string, string> = { region: s.region };
  if (s.endpointUrl) details.endpoint = s.endpointUrl;
  details.profile = s.profileName;
  if (bucket) details.bucket = bucket;
  return {
    kind: 's3',
    label: `s3 ${where}${bucket ? ` bucket ${bucket}` : ''}`,
    name: s.profileName,
    details,
  };
}

async function dispatch(args: AwsArgs, ctx: ToolContext): Promise<number> {
  if (args.service === undefined) throw usageError('the following arguments are required: command');
  const entry = TABLES[args.service]!;
  if (args.operation === undefined) {
    // `aws s3` is aws-cli's own command, not an argparse service: it has its own short usage error.
    if (args.service === 's3') throw new AwsUsageError('\nusage: aws [options] <command> <subcommand> [parameters]\naws: error: too few arguments\n', 255);
    throw usageError(`the following arguments are required: ${entry.argument}`);
  }
  const command = commandFor(args.service, args.operation);
  if (!command) throw invalidChoice(entry.argument, args.operation, entry.choices);
  let settings: AwsSettings;
  try {
    settings = resolveAwsSettings(args.globals, ctx.env, entry.sdkService);
  } catch (error) {
    if (!(error instanceof AwsConfigError)) throw error;
    ctx.stderr.write(`\n${error.message}\n`);
    return 255;
  }
  registerCredentials(ctx, settings);
  ctx.setTarget(awsTarget(args, settings));
  if (settings.credentials) ctx.note(`aws credentials from ${settings.credentials.source}${settings.profile ? `, profile ${settings.profile}` : ''}`);
  return command.run(args.rest, createAwsContext(ctx, settings));
}

/** What an aws line would do: not native, or its command's own plan. */
function planFor(args: AwsArgs): ToolPlan {
  if (misspelt(args)) return toolPlan({ native: true, terminal: false, effect: 'read', reason: `aws-cli has no such command: ${`${args.service} ${args.operation ?? ''}`.trim()}` });
  const reason = notNative(args);
  if (reason) {
    // `aws configure` without an operation is an interactive session: a change.
    const effect = args.service === undefined || args.version ? 'read' : operationEffect(args.operation ?? '');
    return toolPlan({ native: false, terminal: true, effect, reason });
  }
  const command = args.service && args.operation ? commandFor(args.service, args.operation) : undefined;
  if (!command) return toolPlan({ native: true, terminal: false, effect: 'read' });
  try {
    const p = command.plan(args.rest);
    const action = p.action ?? `${args.operation} ${args.rest.join(' ')}`.trim();
    return toolPlan({ native: true, terminal: false, ...p, action: `${args.service} ${action}` });
  } catch {
    return toolPlan({ native: true, terminal: false, effect: 'change', action: `${args.service} ${args.operation}` });
  }
}

/** aws-cli's usage errors and service errors as it prints them, with its exit codes. */
function reportError(ctx: ToolContext, error: unknown): number {
  if (error instanceof AwsUsageError) {
    ctx.stderr.write(error.message);
    return error.exitCode;
  }
  if (ctx.signal.aborted) return 130;
  ctx.stderr.write(`\n${describeAwsError(error, 'unknown')}\n`);
  return 255;
}

export const awsTool: Tool = {
  names: ['aws'],
  parse: parseAwsLine,
};

/** An aws line read once: the service, the operation and its arguments. */
function parseAwsLine(argv: readonly string[]): ParsedCommand {
  let args: AwsArgs;
  try {
    args = parseAwsArgs(argv);
  } catch (error) {
    return unreadableLine((error as Error).message.trim().split('\n').pop() ?? '', (ctx) => reportError(ctx, error));
  }
  const plan = planFor(args);
  return {
    plan,
    preview: plan.native && plan.effect !== 'read' && !misspelt(args) && !notNative(args) ? (ctx) => awsPreview(args, bucketOf(args), runLine, ctx) : undefined,
    async target(ctx) {
      try {
        const entry = args.service ? TABLES[args.service] : undefined;
        if (!entry) return undefined;
        return awsTarget(args, resolveAwsSettings(args.globals, ctx.env, entry.sdkService));
      } catch {
        return undefined;
      }
    },
    run: (ctx) => runLine(args, ctx),
  };
}

/** Runs a parsed line: aws-cli's errors for a misspelt or non-native one, else its command. */
async function runLine(args: AwsArgs, ctx: ToolContext): Promise<number> {
  try {
    const error = misspelt(args);
    if (error) throw error;
    const reason = notNative(args);
    if (reason) {
      ctx.stderr.write(`aws: not run: ${reason}\n`);
      return 127;
    }
    return await dispatch(args, ctx);
  } catch (error) {
    return reportError(ctx, error);
  }
}
