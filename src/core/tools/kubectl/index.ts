// kubectl (and oc) as a native tool: the same words, flags, output and exit
// codes, over @kubernetes/client-node's kubeconfig handling and one kept-alive
// connection per cluster.

import type { Tool, ToolPlan } from '../../engine/tool';
import { flagBool, flagString, KubectlUsageError, parseArgs, type ParsedArgs } from './args';
import { flagBeforePluginMessage, isKubectlCommand, unknownCommandMessage, unknownSubcommandMessage } from './commandNames';
import { KubeTransportError } from './connection';
import { KubeConfigError } from './kubeconfig';
import { kubeSelection } from '../../connections';
import { findPlugin } from './plugins';
import { cachedKubeConfig, KubectlError, KubectlRun, kubeTarget } from './session';
import { findVerb, KNOWN_PLUGINS, MUTATING_VERBS, TERMINAL_VERBS } from './verbs';
import type { Verb } from './verbs/verb';

type Env = Readonly<Record<string, string | undefined>>;

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

/** The verb's arguments. Under a command that only groups subcommands, any other word fails as kubectl fails. */
function verbArgs(native: Verb, command: string, rest: readonly string[]): ParsedArgs {
  const args = parseArgs(rest, native.flags, command);
  const sub = args.positionals[0];
  if (native.subcommands && sub !== undefined && !native.subcommands.includes(sub)) {
    // The grouping command has only kubectl's global flags: any other flag fails first.
    parseArgs(rest, [], command);
    throw new KubectlUsageError(unknownSubcommandMessage(command, args.positionals));
  }
  return args;
}

/** `kubectl`, also as `/usr/local/bin/kubectl`; `oc` has commands of its own that we do not list. */
const isKubectl = (argv: readonly string[]): boolean => argv[0].split('/').pop() === 'kubectl';

/**
 * What kubectl prints for a first word that is none of its commands and no
 * plugin on PATH (`kubectl gte pods`); undefined when kubectl would run something.
 */
function unknownVerbMessage(argv: readonly string[], verb: string, env: Env): string | undefined {
  if (!isKubectl(argv) || isKubectlCommand(verb)) return undefined;
  const words = argv.slice(1);
  if (words[0].startsWith('-')) return flagBeforePluginMessage(words[0]);
  if (KNOWN_PLUGINS.has(verb) || findPlugin(words, env)) return undefined;
  return unknownCommandMessage(verb);
}

export const kubectlTool: Tool = {
  names: ['kubectl', 'oc'],

  plan(argv, env): ToolPlan {
    const { verb, rest } = splitVerb(argv);
    if (!verb) return { native: false, terminal: false, mutates: false, reason: 'no subcommand' };
    const native = findVerb(verb);
    if (native) {
      try {
        const args = verbArgs(native, `kubectl ${verb}`, rest);
        const notNative = native.notNative?.(args);
        if (notNative) return { native: false, terminal: true, mutates: native.mutates(args), reason: notNative };
        return {
          native: true,
          terminal: false,
          mutates: native.mutates(args),
          streams: native.streams?.(args) ?? false,
          action: native.action?.(args) ?? `${verb} ${args.positionals.join(' ')}`.trim(),
        };
      } catch (error) {
        return { native: true, terminal: false, mutates: false, reason: (error as Error).message.split('\n')[0] };
      }
    }
    // A name kubectl rejects fails natively, as kubectl fails.
    const unknown = unknownVerbMessage(argv, verb, env);
    if (unknown) return { native: true, terminal: false, mutates: false, reason: unknown.split('\n')[0] };
    if (verb in TERMINAL_VERBS) return { native: false, terminal: true, mutates: verb === 'cp' || verb === 'run', reason: TERMINAL_VERBS[verb] };
    if (KNOWN_PLUGINS.has(verb) || (isKubectl(argv) && !isKubectlCommand(verb))) return { native: false, terminal: true, mutates: false, reason: `kubectl ${verb} is a kubectl plugin (a separate program); run it in a terminal` };
    return { native: false, terminal: false, mutates: MUTATING_VERBS.has(verb), reason: `kubectl ${verb} does not run natively yet; run it in a terminal` };
  },

  async target(argv, ctx) {
    const { verb, rest } = splitVerb(argv);
    const native = verb ? findVerb(verb) : undefined;
    if (!native) return undefined;
    const args = parseArgs(rest, native.flags, `kubectl ${verb}`);
    const chosen = kubeSelection(ctx.session);
    const selection = {
      kubeconfig: flagString(args, 'kubeconfig'),
      context: flagString(args, 'context') ?? chosen.context,
      namespace: flagString(args, 'namespace') ?? chosen.namespace,
      server: flagString(args, 'server'),
    };
    return kubeTarget(cachedKubeConfig(ctx.session, ctx.env, selection), flagBool(args, 'all-namespaces'));
  },

  async run(argv, ctx): Promise<number> {
    const { verb, rest } = splitVerb(argv);
    const program = argv[0];
    if (!verb) {
      ctx.stderr.write(`${program} controls the Kubernetes cluster manager.\n\nUsage:\n  ${program} [flags] [options]\n`);
      return 1;
    }
    const native = findVerb(verb);
    if (!native) {
      const unknown = unknownVerbMessage(argv, verb, ctx.env);
      if (unknown) {
        ctx.stderr.write(`${unknown}\n`);
        return 1;
      }
      ctx.stderr.write(`${program} ${verb}: not run: ${kubectlTool.plan(argv, ctx.env).reason}\n`);
      return 127;
    }
    try {
      const args = verbArgs(native, `${program} ${verb}`, rest);
      const notNative = native.notNative?.(args);
      if (notNative) {
        ctx.stderr.write(`${notNative}\n`);
        return 127;
      }
      return await native.run(new KubectlRun(ctx, args, verb));
    } catch (error) {
      if (ctx.signal.aborted) return 130;
      if (error instanceof KubectlError || error instanceof KubectlUsageError || error instanceof KubeTransportError || error instanceof KubeConfigError) {
        ctx.stderr.write(error.message + '\n');
        return error instanceof KubectlError ? error.exitCode : 1;
      }
      throw error;
    }
  },
};
