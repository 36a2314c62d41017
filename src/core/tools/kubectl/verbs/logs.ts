// kubectl logs: a pod, a workload's best pod (`deploy/NAME`), or every pod of
// a selector; one container, -c, or --all-containers; --tail, --since,
// --since-time, --timestamps, --previous, --prefix; -f streams until stopped.

import { flagBool, flagInt, flagString, type ParsedArgs } from '../args';
import { resourcePath, qualifiedResource, type ResourceType } from '../discovery';
import { durationFlag } from '../durations';
import { consumeInParallel, consumeSequentially, type LogQuery, type LogSource } from '../logstream';
import { byLogging, defaultContainer, hasContainer, selectorOf, type Pod } from '../pods';
import { KubectlError, serverError, type KubectlRun } from '../session';
import { reads, type Verb } from './verb';

const USAGE_LINE = 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]';
const HELP = "See 'kubectl logs -h' for help and examples";
/** kubectl's tail when a selector is given and --tail is not. */
const SELECTOR_TAIL = 10;

export const logs: Verb = {
  name: 'logs',
  aliases: ['log'],
  flags: [
    { name: 'all-containers', type: 'bool' },
    { name: 'all-pods', type: 'bool' },
    { name: 'container', short: 'c', type: 'string' },
    { name: 'follow', short: 'f', type: 'bool' },
    { name: 'ignore-errors', type: 'bool' },
    { name: 'insecure-skip-tls-verify-backend', type: 'bool' },
    { name: 'limit-bytes', type: 'int' },
    { name: 'max-log-requests', type: 'int' },
    { name: 'pod-running-timeout', type: 'string' },
    { name: 'prefix', type: 'bool' },
    { name: 'previous', short: 'p', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'since', type: 'string' },
    { name: 'since-time', type: 'string' },
    { name: 'tail', type: 'int' },
    { name: 'timestamps', type: 'bool' },
  ],
  usage: HELP,
  effect: reads,
  streams: (args) => flagBool(args, 'follow'),
  run: runLogs,
};

interface LogsPlan {
  query: LogQuery;
  container?: string;
  selector?: string;
  resource?: string;
}

/** Flags and arguments checked in kubectl's order, before anything is fetched. */
function planLogs(args: ParsedArgs): LogsPlan {
  const since = durationFlag(flagString(args, 'since'), '--since', 'kubectl logs');
  const selector = flagString(args, 'selector') || undefined;
  const positionals = args.positionals;
  if (positionals.length === 0 && !selector) throw new KubectlError(`error: expected '${USAGE_LINE}'.\nPOD or TYPE/NAME is a required argument for the logs command\n${HELP}`);
  if (positionals.length === 1 && selector) throw new KubectlError(`error: only a selector (-l) or a POD name is allowed\n${HELP}`);
  if (positionals.length > 2) throw new KubectlError(`error: expected '${USAGE_LINE}'.\nPOD or TYPE/NAME is a required argument for the logs command\n${HELP}`);
  durationFlag(flagString(args, 'pod-running-timeout'), '--pod-running-timeout', 'kubectl logs');
  const sinceTimeText = flagString(args, 'since-time');
  const sinceTime = sinceTimeText ? parseRfc3339(sinceTimeText) : undefined;
  const container = positionals[1] ?? flagString(args, 'container') ?? undefined;
  const tail = flagInt(args, 'tail');
  const limitBytes = flagInt(args, 'limit-bytes') ?? 0;
  const sinceSeconds = since ? Math.round(since / 1000) : undefined;
  if (sinceTime && since) throw new KubectlError('error: at most one of `sinceTime` or `sinceSeconds` may be specified');
  if (flagBool(args, 'all-containers') && container) throw new KubectlError(`error: --all-containers=true should not be specified with container name ${container}`);
  if (args.flags.has('container') && positionals.length === 2) throw new KubectlError('error: only one of -c or an inline [CONTAINER] arg is allowed');
  if (limitBytes < 0) throw new KubectlError('error: --limit-bytes must be greater than 0');
  if (sinceSeconds !== undefined && sinceSeconds < 0) throw new KubectlError('error: --since must be greater than 0');
  if (tail !== undefined && tail < -1) throw new KubectlError('error: --tail must be greater than or equal to -1');
  const tailLines = tail !== undefined && tail !== -1 ? tail : selector && tail === undefined ? SELECTOR_TAIL : undefined;
  return {
    query: {
      follow: flagBool(args, 'follow'),
      previous: flagBool(args, 'previous'),
      timestamps: flagBool(args, 'timestamps'),
      sinceSeconds: sinceSeconds || undefined,
      sinceTime,
      tailLines,
      limitBytes: limitBytes || undefined,
      insecureSkipTLSVerifyBackend: flagBool(args, 'insecure-skip-tls-verify-backend'),
    },
    container,
    selector,
    resource: positionals[0],
  };
}

/** RFC 3339 as kubectl accepts it, sent back in whole seconds (UTC). */
function parseRfc3339(text: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.exec(text);
  const ms = m ? Date.parse(text.toUpperCase()) : NaN;
  if (!m || Number.isNaN(ms)) {
    const digits = /^\d{4}/.test(text) ? text.slice(4) : text;
    const element = /^\d{4}/.test(text) ? '"-"' : '"2006"';
    throw new KubectlError(`error: parsing time "${text}" as "2006-01-02T15:04:05Z07:00": cannot parse "${digits}" as ${element}`);
  }
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

async function runLogs(run: KubectlRun): Promise<number> {
  const { args, ctx } = run;
  const plan = planLogs(args);
  await run.setTarget();
  const namespace = await run.namespace();
  const podsType = await run.resolveType('pods');
  let pods: Pod[];
  if (plan.selector) {
    const list = await run.json<{ items: Pod[] }>({ path: resourcePath(podsType, namespace), query: { labelSelector: plan.selector } });
    pods = list.items;
    if (pods.length === 0) ctx.stderr.write(`No resources found in ${namespace} namespace.\n`);
  } else {
    pods = await podsFor(run, plan.resource ?? '', namespace, podsType, flagBool(args, 'all-pods'));
  }
  const sources: LogSource[] = [];
  for (const pod of pods) sources.push(...containersOf(run, pod, plan.container, flagBool(args, 'all-containers'), namespace));
  // --all-pods always names each line's source.
  const options = { prefix: flagBool(args, 'prefix') || flagBool(args, 'all-pods'), ignoreErrors: flagBool(args, 'ignore-errors') };
  let lines: number;
  if (plan.query.follow && sources.length > 1) {
    const max = flagInt(args, 'max-log-requests') ?? 5;
    if (sources.length > max) {
      throw new KubectlError(`error: you are attempting to follow ${sources.length} log streams, but maximum allowed concurrency is ${max}, use --max-log-requests to increase the limit`);
    }
    lines = await consumeInParallel(run, sources, plan.query, options);
  } else {
    lines = await consumeSequentially(run, sources, plan.query, options);
  }
  ctx.emit({ kind: 'logs', sources, lines, follow: plan.query.follow });
  return 0;
}

/** The pod a `POD` or `TYPE/NAME` argument names: for a workload, its best pod (or, with --all-pods, all of them). */
async function podsFor(run: KubectlRun, arg: string, namespace: string, podsType: ResourceType, allPods: boolean): Promise<Pod[]> {
  const slash = arg.indexOf('/');
  const type = slash < 0 ? podsType : await run.resolveType(arg.slice(0, slash));
  const name = slash < 0 ? arg : arg.slice(slash + 1);
  const response = await run.request({ path: resourcePath(type, namespace, name) });
  if (response.status === 404) {
    throw new KubectlError(`error: error from server (NotFound): ${qualifiedResource(type)} "${name}" not found in namespace "${namespace}"`);
  }
  if (response.status >= 400) throw serverError(response);
  const object = JSON.parse(response.text) as Pod & { spec?: { selector?: unknown } };
  if (type === podsType) return [object];
  const selector = selectorOf(type, object);
  const ns = object.metadata.namespace ?? namespace;
  if (allPods) return (await run.json<{ items: Pod[] }>({ path: resourcePath(podsType, ns), query: { labelSelector: selector } })).items;
  const { pod, count } = await firstPod(run, podsType, ns, selector);
  if (count > 1) run.ctx.stderr.write(`Found ${count} pods, using pod/${pod.metadata.name}\n`);
  return [pod];
}

/** The best pod for logs among a selector's pods, waiting (up to --pod-running-timeout) for one to exist. */
async function firstPod(run: KubectlRun, podsType: ResourceType, namespace: string, selector: string): Promise<{ pod: Pod; count: number }> {
  const timeout = durationFlag(flagString(run.args, 'pod-running-timeout'), '--pod-running-timeout', 'kubectl logs') ?? 20_000;
  const deadline = Date.now() + timeout;
  for (;;) {
    const list = await run.json<{ items: Pod[] }>({ path: resourcePath(podsType, namespace), query: { labelSelector: selector } });
    if (list.items.length) {
      const sorted = [...list.items].sort(byLogging);
      return { pod: sorted[0], count: list.items.length };
    }
    if (Date.now() >= deadline) throw new KubectlError('error: timed out waiting for the condition');
    await delay(Math.min(1000, Math.max(0, deadline - Date.now())), run.ctx.signal);
  }
}

function containersOf(run: KubectlRun, pod: Pod, container: string | undefined, all: boolean, namespace: string): LogSource[] {
  const ns = pod.metadata.namespace ?? namespace;
  const source = (name: string): LogSource => ({ namespace: ns, pod: pod.metadata.name, container: name });
  if (all) {
    const spec = pod.spec ?? {};
    return [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])].map((c) => source(c.name));
  }
  const name = container ?? defaultContainer(pod, (t) => run.ctx.stderr.write(t));
  if (!hasContainer(pod, name)) throw new KubectlError(`error: container ${name} is not valid for pod ${pod.metadata.name}`);
  return [source(name)];
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
