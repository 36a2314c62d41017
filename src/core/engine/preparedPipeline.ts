// A pipeline's plan (its expansion and each tool's parsed command), the text
// shown for it (secrets masked) and the variables it used, worked out once
// while nothing they depend on changes. Re-running a step, the usual way to
// watch a fix land, then parses and expands nothing (measured with
// `npm run bench:clients`: without it a warm `redis-cli INFO` took 1.4x as long).
// All of it depends on the session's variables and the registry's tools
// only, so an entry holds while neither has changed since. Entries are kept
// by the pipeline object, which the cell parser keeps frozen per cell text;
// the expansion is frozen too, so no run can change what the next one reads.

import { wordText, type Pipeline } from '../shell';
import { registerCommandSecrets } from './commandSecrets';
import { usedVariables } from './expand';
import type { PipelinePlan } from './plan';
import type { ToolRegistry } from './registry';
import type { Session } from '../session';

export interface PreparedPipeline {
  /** The commands as written, secret values masked: what the record names. */
  readonly display: string;
  /** The first word as written (before expansion), for messages about the line itself. */
  readonly firstProgram: string;
  readonly plan: PipelinePlan;
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

/** The pipeline prepared in this session with these tools; `plan` makes its plan when there is none to reuse. */
export async function preparePipeline(pipeline: Pipeline, session: Session, registry: ToolRegistry, plan: () => Promise<PipelinePlan>): Promise<PreparedPipeline> {
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
  // The tools name the secrets on the line as they read it, so the line is shown only after it is planned.
  // The versions the plan is made from: a change while it loads a parser leaves the entry stale, as it should.
  const sessionVersion = session.version;
  const registryVersion = registry.version;
  const planned = await plan();
  registerCommandSecrets(planned, session.masker);
  const prepared: PreparedPipeline = Object.freeze({
    display: session.mask(pipeline.commands.map((c) => c.text).join(' | ')),
    firstProgram: first?.words[0] ? wordText(first.words[0]) : '',
    plan: freezePlan(planned),
    variables: freezeIfAny(usedVariables(pipeline, session)),
  });
  // Only a frozen tree can key an entry: a pipeline that may still change would make it stale.
  if (Object.isFrozen(pipeline)) {
    entries.set(pipeline, { session, sessionVersion, registry, registryVersion, prepared });
  }
  return prepared;
}

/** Everything a run reads is frozen; the tools and the commands they parsed are not ours to freeze. */
function freezePlan(plan: PipelinePlan): PipelinePlan {
  for (const stage of plan.stages) {
    Object.freeze(stage.argv);
    Object.freeze(stage.env);
    for (const redirect of stage.redirects) Object.freeze(redirect);
    Object.freeze(stage.redirects);
    Object.freeze(stage.redirectTargets);
    Object.freeze(stage);
  }
  Object.freeze(plan.stages);
  Object.freeze(plan.missing);
  Object.freeze(plan.placeholders);
  Object.freeze(plan.substitutions);
  Object.freeze(plan.row);
  return Object.freeze(plan);
}

function freezeIfAny<T extends object>(value: T | undefined): T | undefined {
  return value && Object.freeze(value);
}
