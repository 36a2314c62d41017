// kubectl (and oc) as a native tool: the same words, flags, output and exit
// codes, over @kubernetes/client-node's kubeconfig handling and one kept-alive
// connection per cluster.

import type { ParsedCommand, Tool, ToolContext, ToolPlan } from '../../engine/tool';
import { flagBool, flagString, KubectlUsageError, parseArgs, type ParsedArgs } from './args';
import { KubeTransportError } from './connection';
import { KubeConfigError } from './kubeconfig';
import { cachedKubeConfig, KubectlError, KubectlRun, kubeTarget } from './session';
import { findVerb, KNOWN_PLUGINS, MUTATING_VERBS, TERMINAL_VERBS } from './verbs';

/** The subcommand: the first word that is not a global flag or its value. */
export function splitVerb(argv: readonly string[]): { verb: string | undefined; rest: string[] } {
  const rest = argv.slice(1);
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i];
    if (!word.startsWith('-')) return { verb: word, rest: [...rest.slice(0, i), ...rest.slice(i + 1)] };
    if (/^(-n|--namespace|--context|--kubeconfig|--cluster|--user|-s|--server|--request-timeout|--token|-v)$/.test(word)) i++;
  }
  return { verb: undefined, rest };
}

export const kubectlTool: Tool = {
  names: ['kubectl', 'oc'],
  parse: parseKubectl,
};

/** A kubectl line read once: the verb, its flags, and what it would do. */
function parseKubectl(argv: readonly string[]): ParsedCommand {
  const { verb, rest } = splitVerb(argv);
  const program = argv[0];
  if (!verb) {
    return notRunnable({ native: false, terminal: false, mutates: false, reason: 'no subcommand' }, (ctx) => {
      ctx.stderr.write(`${program} controls the Kubernetes cluster manager.\n\nUsage:\n  ${program} [flags] [options]\n`);
      return 1;
    });
  }
  const native = findVerb(verb);
  if (!native) return otherVerb(program, verb);
  let args: ParsedArgs;
  let notNative: string | undefined;
  let plan: ToolPlan;
  try {
    args = parseArgs(rest, native.flags, `${program} ${verb}`);
    notNative = native.notNative?.(args);
    plan = notNative
      ? { native: false, terminal: true, mutates: native.mutates(args), reason: notNative }
      : {
          native: true,
          terminal: false,
          mutates: native.mutates(args),
          streams: native.streams?.(args) ?? false,
          action: native.action?.(args) ?? `${verb} ${args.positionals.join(' ')}`.trim(),
        };
  } catch (error) {
    // kubectl reports a usage error when it runs.
    const plan: ToolPlan = { native: true, terminal: false, mutates: false, reason: (error as Error).message.split('\n')[0] };
    return notRunnable(plan, (ctx) => reportError(ctx, error));
  }
  return {
    plan,
    async target(ctx) {
      const selection = {
        kubeconfig: flagString(args, 'kubeconfig'),
        context: flagString(args, 'context') ?? ctx.session.kube.context,
        namespace: flagString(args, 'namespace') ?? ctx.session.kube.namespace,
        server: flagString(args, 'server'),
      };
      return kubeTarget(cachedKubeConfig(ctx.session, ctx.env, selection), flagBool(args, 'all-namespaces'));
    },
    async run(ctx) {
      if (notNative) {
        ctx.stderr.write(`${notNative}\n`);
        return 127;
      }
      try {
        return await native.run(new KubectlRun(ctx, args, verb));
      } catch (error) {
        return reportError(ctx, error);
      }
    },
  };
}

/** kubectl's own errors as it prints them, with its exit code; anything else is ours and is thrown. */
function reportError(ctx: ToolContext, error: unknown): number {
  if (ctx.signal.aborted) return 130;
  if (error instanceof KubectlError || error instanceof KubectlUsageError || error instanceof KubeTransportError || error instanceof KubeConfigError) {
    ctx.stderr.write(error.message + '\n');
    return error instanceof KubectlError ? error.exitCode : 1;
  }
  throw error;
}

/** A verb with no native runner: a terminal's, a plugin's, or one kubectl itself does not know. */
function otherVerb(program: string, verb: string): ParsedCommand {
  let plan: ToolPlan;
  if (verb in TERMINAL_VERBS) plan = { native: false, terminal: true, mutates: verb === 'cp' || verb === 'run', reason: TERMINAL_VERBS[verb] };
  else if (KNOWN_PLUGINS.has(verb)) plan = { native: false, terminal: true, mutates: false, reason: `kubectl ${verb} is a kubectl plugin (a separate program); run it in a terminal` };
  else plan = { native: false, terminal: false, mutates: MUTATING_VERBS.has(verb), reason: `kubectl ${verb} does not run natively yet; run it in a terminal` };
  return notRunnable(plan, (ctx) => {
    if (verb in TERMINAL_VERBS || KNOWN_PLUGINS.has(verb) || MUTATING_VERBS.has(verb) || plan.reason?.includes('natively')) {
      ctx.stderr.write(`${program} ${verb}: not run: ${plan.reason}\n`);
      return 127;
    }
    ctx.stderr.write(`Error: unknown command "${verb}" for "${program}"\n`);
    return 1;
  });
}

/** A line that only reports something when run (a usage error, a pointer to the terminal): it has no target. */
function notRunnable(plan: ToolPlan, report: (ctx: ToolContext) => number): ParsedCommand {
  return { plan, run: async (ctx) => report(ctx) };
}
