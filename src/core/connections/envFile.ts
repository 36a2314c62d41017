// Reads a connection settings file such as `.sandbox/env`: `export K='v'`
// and `K=v` lines in shell syntax, comments allowed. Nothing is executed.

import { expandWords, parseScript } from '../shell';

export interface EnvFileResult {
  values: Record<string, string>;
  /** Lines that are not assignments, reported rather than run. */
  ignored: string[];
}

export function parseEnvFile(text: string, base: Readonly<Record<string, string | undefined>> = {}): EnvFileResult {
  const values: Record<string, string> = {};
  const ignored: string[] = [];
  const lookup = (name: string) => values[name] ?? base[name];
  for (const statement of parseScript(text).statements) {
    for (const command of [statement.first, ...statement.rest.map((r) => r.pipeline)].flatMap((p) => p.commands)) {
      for (const assignment of command.assignments) values[assignment.name] = expandWords([assignment.value], lookup).args.join(' ');
      const argv = expandWords(command.words, lookup).args;
      if (argv[0] === 'export') {
        for (const arg of argv.slice(1)) {
          const eq = arg.indexOf('=');
          if (eq > 0) values[arg.slice(0, eq)] = arg.slice(eq + 1);
        }
      } else if (argv.length) ignored.push(command.text);
    }
  }
  return { values, ignored };
}
