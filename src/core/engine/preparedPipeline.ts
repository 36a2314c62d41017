// What a pipeline runs with, worked out once while nothing it depends on
// changes: the text shown for it (secrets masked), its expansion and the
// variables it used. Re-running a step (the usual way to watch a fix land),
// and every frame of `watch`, then expands nothing.
// All three depend on the session's variables and the registry's tools
// only, so an entry holds while neither has changed since. Entries are kept
// by the pipeline object, which the cell parser keeps frozen per cell text,
// and are frozen themselves: no run can change what the next one reads.

import { wordText, type Pipeline } from '../shell';
import { expandPipeline, usedVariables, type ExpandedPipeline } from './expand';
import type { ToolRegistry } from './registry';
import type { Session } from '../session';

export interface PreparedPipeline {
  /** The commands as written, secret values masked: what the record names. */
  readonly display: string;
  /** The first word as written (before expansion), for messages about the line itself. */
  readonly firstProgram: string;
  readonly expanded: ExpandedPipeline;
  /** The variables and placeholders used, secrets masked; undefined when none. */
  readonly variables: Readonly<Record<string, string>> | undefined;
}

interface Entry {
  session: Session;
  sessionVersion: number;
  registry: ToolRegistry;
  registryVersion: number;
  prepared: PreparedPipeline;
}

const entries = new WeakMap<Pipeline, Entry>();

export function preparePipeline(pipeline: Pipeline, session: Session, registry: ToolRegistry): PreparedPipeline {
  const known = entries.get(pipeline);
  if (
    known &&
    known.session === session &&
    known.sessionVersion === session.version &&
    known.registry === registry &&
    known.registryVersion === registry.version
  ) {
    return known.prepared;
  }
  const first = pipeline.commands[0];
  const prepared: PreparedPipeline = Object.freeze({
    display: session.mask(pipeline.commands.map((c) => c.text).join(' | ')),
    firstProgram: first.words[0] ? wordText(first.words[0]) : '',
    expanded: freezeExpansion(expandPipeline(pipeline, session, registry)),
    variables: freezeIfAny(usedVariables(pipeline, session)),
  });
  // Only a frozen tree can key an entry: a pipeline that may still change would make it stale.
  if (Object.isFrozen(pipeline)) {
    entries.set(pipeline, { session, sessionVersion: session.version, registry, registryVersion: registry.version, prepared });
  }
  return prepared;
}

/** Everything a run reads is frozen; the tools the stages name are not ours to freeze. */
function freezeExpansion(expanded: ExpandedPipeline): ExpandedPipeline {
  for (const stage of expanded.stages) {
    Object.freeze(stage.argv);
    Object.freeze(stage.env);
    for (const redirect of stage.redirects) Object.freeze(redirect);
    Object.freeze(stage.redirects);
    Object.freeze(stage.redirectTargets);
    Object.freeze(stage);
  }
  Object.freeze(expanded.stages);
  Object.freeze(expanded.missing);
  Object.freeze(expanded.placeholders);
  Object.freeze(expanded.substitutions);
  return Object.freeze(expanded);
}

function freezeIfAny<T extends object>(value: T | undefined): T | undefined {
  return value && Object.freeze(value);
}
