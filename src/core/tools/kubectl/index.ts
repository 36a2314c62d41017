// kubectl (and oc) as a native tool: the same words, flags, output and exit
// codes, over @kubernetes/client-node's kubeconfig handling and one kept-alive
// connection per cluster.

import type { Tool, ToolPlan } from '../../engine/tool';
import { flagBool, flagString, KubectlUsageError, parseArgs } from './args';
import { KubeTransportError } from './connection';
import { KubeConfigError } from './kubeconfig';
import { kubeSelection } from '../../connections';
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

  plan(argv): ToolPlan {
    const { verb, rest } = splitVerb(argv);
    if (!verb) return { native: false, terminal: false, mutates: false, reason: 'no subcommand' };
    const native = findVerb(verb);
    if (native) {
      try {
        const args = parseArgs(rest, native.flags, `kubectl ${verb}`);
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
    if (verb in TERMINAL_VERBS) return { native: false, terminal: true, mutates: verb === 'cp' || verb === 'run', reason: TERMINAL_VERBS[verb] };
    if (KNOWN_PLUGINS.has(verb)) return { native: false, terminal: true, mutates: false, reason: `kubectl ${verb} is a kubectl plugin (a separate program); run it in a terminal` };
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
      const plan = kubectlTool.plan(argv, ctx.env);
      if (verb in TERMINAL_VERBS || KNOWN_PLUGINS.has(verb) || MUTATING_VERBS.has(verb) || plan.reason?.includes('natively')) {
        ctx.stderr.write(`${program} ${verb}: not run: ${plan.reason}\n`);
        return 127;
      }
      ctx.stderr.write(`Error: unknown command "${verb}" for "${program}"\n`);
      return 1;
    }
    try {
      const args = parseArgs(rest, native.flags, `${program} ${verb}`);
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
