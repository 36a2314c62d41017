// Words of a pipeline -> the arguments, environment prefixes and redirect
// targets each stage runs with, from the variables in scope.

import { expandWords, placeholderKey, type Pipeline, type VariableLookup } from '../shell';
import type { Stage } from './pipeline';
import { classifyProgram } from './program';
import type { ToolRegistry } from './registry';
import type { Session } from '../session';

export interface ExpandedPipeline {
  stages: Stage[];
  /** Unset variables, each once. */
  missing: string[];
  /** Unset `<placeholders>`, each once. */
  placeholders: string[];
  /** `$(...)` and the like: these need a real shell. */
  substitutions: string[];
}

/** Where variable values come from while a pipeline is expanded. */
export interface ExpansionScope {
  lookup: VariableLookup;
  /** For `~`; undefined: `~` stays as written. */
  home?: string;
  /** The text of an unset variable (default: empty, as a shell does). */
  unset?: (name: string) => string;
}

/** Expands every stage; unset names are collected rather than failing. */
export function expandPipeline(pipeline: Pipeline, scope: ExpansionScope, registry: ToolRegistry): ExpandedPipeline {
  const { lookup, home, unset } = scope;
  const missing: string[] = [];
  const placeholders: string[] = [];
  const substitutions: string[] = [];
  const stages: Stage[] = pipeline.commands.map((command) => {
    const words = expandWords(command.words, lookup, home, unset);
    const env: Record<string, string> = {};
    for (const assignment of command.assignments) {
      const value = expandWords([assignment.value], lookup, home, unset);
      env[assignment.name] = value.args.join(' ');
      missing.push(...value.missing);
      placeholders.push(...value.placeholders);
      substitutions.push(...value.substitutions);
    }
    const targets = command.redirects.map((r) => (r.target ? expandWords([r.target], lookup, home, unset).args.join(' ') : undefined));
    const heredocs = command.redirects.map((r) =>
      r.heredoc !== undefined && r.heredocExpands ? { ...r, heredoc: expandHeredoc(r.heredoc, lookup) } : r,
    );
    missing.push(...words.missing);
    placeholders.push(...words.placeholders);
    substitutions.push(...words.substitutions);
    const program = words.args[0] ?? '';
    return { argv: words.args, program: classifyProgram(program, registry), redirects: heredocs, redirectTargets: targets, env };
  });
  return { stages, missing: [...new Set(missing)], placeholders: [...new Set(placeholders)], substitutions };
}

/** Variables and placeholders a pipeline used, secret values masked: recorded with its result. */
export function usedVariables(pipeline: Pipeline, session: Session): Record<string, string> | undefined {
  const used: Record<string, string> = {};
  for (const command of pipeline.commands) {
    for (const word of [...command.words, ...command.assignments.map((a) => a.value)]) {
      for (const part of word.parts) {
        if (part.kind === 'variable') {
          const value = session.lookup(part.name);
          if (value !== undefined) used[part.name] = session.isSecret(part.name) ? session.masker.placeholder(value, part.name) : value;
        } else if (part.kind === 'placeholder') {
          const value = session.lookup(placeholderKey(part.name));
          if (value !== undefined) used[`<${part.name}>`] = session.isSecret(part.name) ? session.masker.placeholder(value, part.name) : value;
        }
      }
    }
  }
  return Object.keys(used).length ? used : undefined;
}

/** `$NAME` and `${NAME}` inside an unquoted here-document. */
function expandHeredoc(body: string, lookup: (name: string) => string | undefined): string {
  return body.replace(/\\\$|\$\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)/g, (match, braced?: string, bare?: string) => {
    if (match === '\\$') return '$';
    return lookup(braced ?? bare ?? '') ?? '';
  });
}
