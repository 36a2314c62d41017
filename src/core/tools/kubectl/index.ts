// kubectl (and oc) as a native tool: the same words, flags, output and exit
// codes, over @kubernetes/client-node's kubeconfig handling and one kept-alive
// connection per cluster.

import { toolPlan, unreadableLine, type ParsedCommand, type Tool, type ToolContext, type ToolPlan } from '../../engine/tool';
import { flagBool, flagString, KubectlUsageError, parseArgs, type ParsedArgs } from './args';
import { flagBeforePluginMessage, isKubectlCommand, unknownCommandMessage, unknownSubcommandMessage } from './commandNames';
import { isStreamCut, KubeTransportError } from '../../connections/kubeConnection';
import { unresolvedHostNote } from '../../connections/unresolvedHost';
import { KubeConfigError } from '../../connections/kubeConfig';
import { kubeSelection } from '../../connections';
import { findPlugin } from './plugins';
import { GoTemplateError } from './printers/goTemplate';
import { lineSecrets } from './secrets';
import { cachedKubeConfig, KubectlError, KubectlRun, KubectlStreamCut, kubeTarget } from './session';
import { otherVerbEffect } from './otherVerbs';
import { kubectlPreview } from './preview';
import { checkRequestTimeout } from './requestTimeout';
import { findVerb, KNOWN_PLUGINS, TERMINAL_VERBS } from './verbs';
import type { Verb } from './verbs/verb';

type Env = Readonly<Record<string, string | undefined>>;

/** The subcommand: the first word that is not a global flag or its value. */
/** kubectl's global flags that take no value. */
const GLOBAL_SWITCHES = new Set(['--insecure-skip-tls-verify', '--match-server-version', '--warnings-as-errors', '--disable-compression', '-h', '--help']);

export function splitVerb(argv: readonly string[]): { verb: string | undefined; rest: string[] } {
  const rest = argv.slice(1);
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i];
    if (!word.startsWith('-')) return { verb: word, rest: [...rest.slice(0, i), ...rest.slice(i + 1)] };
    // As kubectl's command lookup reads them: a flag written without `=` takes the next word as its value, unless it
    // is one of the global switches; so an unknown `--bogus get pods` looks for a plugin named `pods`.
    if (!word.includes('=') && (word.startsWith('--') || word.length === 2) && !GLOBAL_SWITCHES.has(word)) i++;
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
  parse: parseKubectl,
};

/** A kubectl line read once: the verb, its flags, and what it would do. */
function parseKubectl(argv: readonly string[], env: Env): ParsedCommand {
  const { verb, rest } = splitVerb(argv);
  const program = argv[0];
  if (!verb) {
    return notRunnable(toolPlan({ native: false, terminal: false, effect: 'read', reason: 'no subcommand' }), (ctx) => {
      ctx.stderr.write(`${program} controls the Kubernetes cluster manager.\n\nUsage:\n  ${program} [flags] [options]\n`);
      return 1;
    });
  }
  const native = findVerb(verb);
  if (!native) return otherVerb(argv, verb, env);
  let args: ParsedArgs;
  let notNative: string | undefined;
  let plan: ToolPlan;
  try {
    args = verbArgs(native, `${program} ${verb}`, rest);
    notNative = native.notNative?.(args);
    if (!notNative) native.validate?.(args);
    // The client is built only by commands that call the server; `kubectl config` never reads the value.
    if (!notNative && verb !== 'config') checkRequestTimeout(args);
    plan = notNative
      ? toolPlan({ native: false, terminal: true, effect: native.effect(args), reason: notNative })
      : toolPlan({
          native: true,
          terminal: false,
          effect: native.effect(args),
          streams: native.streams?.(args) ?? false,
          ...(native.ownTimeout?.(args) ? { ownTimeout: true } : {}),
          action: native.action?.(args) ?? `${verb} ${args.positionals.join(' ')}`.trim(),
        });
  } catch (error) {
    return unreadableLine((error as Error).message.split('\n')[0], (ctx) => reportError(ctx, error));
  }
  return {
    plan,
    secrets: lineSecrets(args),
    preview: notNative || plan.effect === 'read' ? undefined : kubectlPreview(native, verb, args),
    async target(ctx) {
      const chosen = kubeSelection(ctx.session);
      const selection = {
        kubeconfig: flagString(args, 'kubeconfig'),
        context: flagString(args, 'context') ?? chosen.context,
        namespace: flagString(args, 'namespace') ?? chosen.namespace,
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
  // A stream (logs -f, a watch) whose server went away mid-way.
  if (isStreamCut(error)) error = new KubectlStreamCut();
  if (error instanceof GoTemplateError) {
    // A template that failed while running leaves kubectl's debugging text on stdout.
    ctx.stdout.write(error.stdout);
    ctx.stderr.write(error.stderr);
    return 1;
  }
  if (error instanceof KubectlError || error instanceof KubectlUsageError || error instanceof KubeTransportError || error instanceof KubeConfigError) {
    ctx.stderr.write(error.message + '\n');
    if (error instanceof KubeTransportError && error.unresolved) ctx.note(unresolvedHostNote(error.unresolved, "the cluster's server in the kubeconfig"));
    else if ((error instanceof KubeTransportError || error instanceof KubectlError) && error.note) ctx.note(error.note);
    return error instanceof KubectlError ? error.exitCode : 1;
  }
  throw error;
}

/** A verb with no native runner: one kubectl itself rejects (it fails as kubectl fails), a terminal's, or a plugin's. */
function otherVerb(argv: readonly string[], verb: string, env: Env): ParsedCommand {
  const program = argv[0];
  const unknown = unknownVerbMessage(argv, verb, env);
  if (unknown) {
    return unreadableLine(unknown.split('\n')[0], (ctx) => {
      ctx.stderr.write(`${unknown}\n`);
      return 1;
    });
  }
  // exec, attach, debug and run start a program whose effect nothing here can see: at least a change.
  const effect = otherVerbEffect(verb, splitVerb([program, ...splitVerb(argv).rest]).verb);
  let plan: ToolPlan;
  if (verb in TERMINAL_VERBS) plan = toolPlan({ native: false, terminal: true, effect, reason: TERMINAL_VERBS[verb] });
  else if (KNOWN_PLUGINS.has(verb) || (isKubectl(argv) && !isKubectlCommand(verb))) plan = toolPlan({ native: false, terminal: true, effect: 'change', reason: `kubectl ${verb} is a kubectl plugin (a separate program); run it in a terminal` });
  else plan = toolPlan({ native: false, terminal: false, effect, reason: `kubectl ${verb} does not run natively yet; run it in a terminal` });
  return notRunnable(plan, (ctx) => {
    ctx.stderr.write(`${program} ${verb}: not run: ${plan.reason}\n`);
    return 127;
  });
}

/** A line that only reports something when run (a usage error, a pointer to the terminal): it has no target. */
function notRunnable(plan: ToolPlan, report: (ctx: ToolContext) => number): ParsedCommand {
  return { plan, run: async (ctx) => report(ctx) };
}
