// One `aws s3api` / `aws cloudfront` operation from its definition: parse the
// arguments as aws-cli does, check --query, call the SDK (following pages
// when the operation pages), shape the answer as botocore parses it, print it
// in the chosen --output, and report failures with aws-cli's text and exit
// status.

import type { Effect } from '../../../engine/tool';
import { AwsUsageError } from '../args';
import type { AwsCommand, AwsCommandContext } from '../context';
import { compileQuery, formatOutput, PagedResponse, QueryError } from '../output';
import { describeAwsError } from '../s3/errors';
import { noteFault } from '../faultNotes';
import type { MemberOrder } from './memberOrder';
import { paginate, PaginationError, type PaginatorSpec } from './paginate';
import { checkParams, parseParams, type ParamTable, type ParsedParams } from './params';
import { usagePlan } from '../usagePlan';
import { toCliShape, type CliObject } from './shape';
import { validateRequest } from './validate';

export interface CallResult {
  /** The SDK's output object. */
  output: Record<string, unknown>;
  /** Output members not printed (a body written to a file). */
  omit?: readonly string[];
}

export interface OperationDefinition {
  /** The API name (`ListObjectsV2`): errors name it, tables take it as their title. */
  name: string;
  service: 's3' | 'cloudfront';
  params: ParamTable;
  positionals?: readonly string[];
  paginator?: PaginatorSpec;
  /** Whether it changes state, and how a confirmation names it. */
  plan(args: readonly string[]): { effect: Effect; action?: string };
  /** Adjusts the request after parsing (defaults, file bodies, generated references). */
  prepare?(parsed: ParsedParams, ctx: AwsCommandContext): Promise<void> | void;
  /** Extra work around the SDK call (writing get-object's body). */
  call?(parsed: ParsedParams, ctx: AwsCommandContext, send: (request: Record<string, unknown>) => Promise<Record<string, unknown>>): Promise<CallResult>;
  /** Structured data and notes after success. */
  after?(result: CliObject, parsed: ParsedParams, ctx: AwsCommandContext): void;
  /** Notes explaining a failure (a placeholder id, a missing ETag). */
  explain?(error: unknown, parsed: ParsedParams | undefined, ctx: AwsCommandContext): void;
}

type SdkModule = Record<string, unknown>;
type SdkClient = { send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown> };

interface ServiceBinding {
  sdk: SdkModule;
  client: SdkClient;
  outputSchema: unknown;
  inputSchema: unknown;
  order: MemberOrder;
}

async function bind(def: OperationDefinition, ctx: AwsCommandContext): Promise<ServiceBinding> {
  const { S3_MEMBER_ORDER, CLOUDFRONT_MEMBER_ORDER } = await import('./memberOrder');
  if (def.service === 's3') {
    const sdk = ctx.s3Sdk() as unknown as SdkModule;
    return { sdk, client: (await ctx.s3()) as unknown as SdkClient, outputSchema: sdk[`${def.name}Output$`], inputSchema: sdk[`${def.name}Request$`], order: S3_MEMBER_ORDER };
  }
  const sdk = ctx.cloudfrontSdk() as unknown as SdkModule;
  return { sdk, client: (await ctx.cloudfront()) as unknown as SdkClient, outputSchema: sdk[`${def.name}Result$`], inputSchema: sdk[`${def.name}Request$`], order: CLOUDFRONT_MEMBER_ORDER };
}

/** aws-cli turns paging off when a token or the page limit is given by hand. */
function pagingWanted(def: OperationDefinition, parsed: ParsedParams, ctx: AwsCommandContext): boolean {
  const spec = def.paginator;
  if (!spec || ctx.globals.noPaginate) return false;
  return ![...spec.inputTokens, spec.limitKey].some((member) => parsed.given.has(member));
}

export function defineOperation(def: OperationDefinition): AwsCommand {
  return {
    plan: (args) => {
      try {
        checkParams(args, def.params, { paginated: !!def.paginator, positionals: def.positionals });
      } catch (error) {
        // A usage error is aws-cli's first word: the line then changes nothing and asks nothing.
        const usage = usagePlan(error);
        if (usage) return usage;
        throw error;
      }
      return def.plan(args);
    },
    run: async (args, ctx) => {
      const { tool, globals } = ctx;
      let parsed: ParsedParams | undefined;
      try {
        parsed = await parseParams(args, def.params, { cwd: tool.cwd, paginated: !!def.paginator, positionals: def.positionals });
        if (globals.query !== undefined) compileQuery(globals.query);
        const paging = pagingWanted(def, parsed, ctx);
        const given = Object.entries(parsed.paging).filter(([, v]) => v !== undefined);
        if (!paging && def.paginator && given.length) {
          const names = given.map(([k]) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
          throw new AwsUsageError(`\nCannot specify --no-paginate along with pagination arguments: ${names.join(', ')}\n`, 255);
        }
        await def.prepare?.(parsed, ctx);
        const binding = await bind(def, ctx);
        validateRequest(binding.inputSchema, parsed.request, binding.order);
        const send = async (request: Record<string, unknown>): Promise<Record<string, unknown>> => {
          const Command = binding.sdk[`${def.name}Command`] as new (input: unknown) => unknown;
          return (await binding.client.send(new Command({ ...request }), { abortSignal: tool.signal })) as Record<string, unknown>;
        };
        const shape = (output: Record<string, unknown>, omit?: readonly string[]) => toCliShape(binding.outputSchema, output, { order: binding.order, omit });
        let printed: CliObject | PagedResponse;
        let merged: CliObject;
        if (paging && def.paginator) {
          const request = parsed.request;
          printed = await paginate(def.paginator, request, parsed.paging, async (r) => shape(await send(r)));
          merged = printed.fullResult();
        } else if (def.call) {
          const result = await def.call(parsed, ctx, send);
          printed = merged = shape(result.output, result.omit);
        } else {
          printed = merged = shape(await send(parsed.request));
        }
        tool.stdout.write(formatOutput(printed, globals, { title: def.name }));
        def.after?.(merged, parsed, ctx);
        return 0;
      } catch (err) {
        if (err instanceof AwsUsageError || err instanceof QueryError) {
          tool.stderr.write(err instanceof QueryError ? `\n${err.message}\n` : err.message);
          return err.exitCode;
        }
        if (tool.signal.aborted) throw err;
        if (err instanceof PaginationError) {
          tool.stderr.write(`\n${err.message}\n`);
          return 255;
        }
        def.explain?.(err, parsed, ctx);
        tool.stderr.write(`\n${describeAwsError(err, def.name)}\n`);
        noteFault(tool, err);
        return 255;
      }
    },
  };
}

/** A flag's value in raw arguments (for plan(), which runs before parsing). */
export function flagValue(args: readonly string[], flag: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word === flag) return args[i + 1];
    if (word.startsWith(`${flag}=`)) return word.slice(flag.length + 1);
  }
  return undefined;
}
