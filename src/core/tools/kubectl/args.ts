// kubectl's flag syntax (pflag): `--flag=v`, `--flag v`, `-n v`, `-nv`,
// `-o=wide`, boolean `-w`/`--watch=false`, flags anywhere among the
// arguments, `--` ends flags. Unknown flags fail in kubectl's own words.

export type FlagType = 'bool' | 'string' | 'int' | 'strings';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
}

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | boolean | string[]>;
  /** Words after `--` (`kubectl exec pod -- cmd`). */
  rest: string[];
}

export class KubectlUsageError extends Error {}

export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'cluster', type: 'string' },
  { name: 'user', type: 'string' },
  { name: 'server', short: 's', type: 'string' },
  { name: 'request-timeout', type: 'string' },
  { name: 'v', short: 'v', type: 'string' },
  { name: 'insecure-skip-tls-verify', type: 'bool' },
  { name: 'token', type: 'string' },
];

const TRUE_WORDS = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);
const FALSE_WORDS = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);

export function parseArgs(args: readonly string[], specs: readonly FlagSpec[], command: string): ParsedArgs {
  const all = [...GLOBAL_FLAGS, ...specs];
  const byName = new Map(all.map((s) => [s.name, s]));
  const byShort = new Map(all.filter((s) => s.short).map((s) => [s.short!, s]));
  const result: ParsedArgs = { positionals: [], flags: new Map(), rest: [] };
  const invalid = (spec: FlagSpec, value: string, parser: string) =>
    new KubectlUsageError(`Error: invalid argument "${value}" for "${spec.short ? `-${spec.short}, ` : ''}--${spec.name}" flag: strconv.${parser}: parsing "${value}": invalid syntax\nSee '${command} --help' for usage.`);
  /** A boolean flag's `=value`, read as Go's strconv.ParseBool reads it. */
  const boolValue = (spec: FlagSpec, value: string): boolean => {
    if (TRUE_WORDS.has(value)) return true;
    if (FALSE_WORDS.has(value)) return false;
    throw invalid(spec, value, 'ParseBool');
  };
  const set = (spec: FlagSpec, value: string | boolean) => {
    if (spec.type === 'strings') {
      const list = (result.flags.get(spec.name) as string[] | undefined) ?? [];
      list.push(...String(value).split(',').filter((v) => v !== '' || spec.name === 'filename'));
      result.flags.set(spec.name, list);
    } else if (spec.type === 'int' && typeof value === 'string' && !/^-?\d+$/.test(value)) {
      throw invalid(spec, value, 'ParseInt');
    } else result.flags.set(spec.name, value);
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      result.rest = args.slice(i + 1);
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const spec = byName.get(name);
      if (!spec) throw new KubectlUsageError(`Error: unknown flag: --${name}\nSee '${command} --help' for usage.`);
      if (spec.type === 'bool') set(spec, eq < 0 ? true : boolValue(spec, arg.slice(eq + 1)));
      else if (eq >= 0) set(spec, arg.slice(eq + 1));
      else {
        if (i + 1 >= args.length) throw new KubectlUsageError(`Error: flag needs an argument: --${name}\nSee '${command} --help' for usage.`);
        set(spec, args[++i]);
      }
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1 && !/^-\d/.test(arg)) {
      for (let k = 1; k < arg.length; k++) {
        const letter = arg[k];
        const spec = byShort.get(letter);
        if (!spec) throw new KubectlUsageError(`Error: unknown shorthand flag: '${letter}' in ${arg}\nSee '${command} --help' for usage.`);
        if (spec.type === 'bool') {
          if (arg[k + 1] === '=') {
            set(spec, boolValue(spec, arg.slice(k + 2)));
            break;
          }
          set(spec, true);
          continue;
        }
        let value = arg.slice(k + 1);
        if (value.startsWith('=')) value = value.slice(1);
        if (value === '') {
          if (i + 1 >= args.length) throw new KubectlUsageError(`Error: flag needs an argument: '${letter}' in -${letter}\nSee '${command} --help' for usage.`);
          value = args[++i];
        }
        set(spec, value);
        break;
      }
      continue;
    }
    result.positionals.push(arg);
  }
  return result;
}

export function flagString(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function flagBool(args: ParsedArgs, name: string): boolean {
  return args.flags.get(name) === true;
}

export function flagList(args: ParsedArgs, name: string): string[] {
  const v = args.flags.get(name);
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

export function flagInt(args: ParsedArgs, name: string): number | undefined {
  const v = flagString(args, name);
  return v === undefined ? undefined : Number(v);
}
