// What `kubectl wait --for=...` waits for: deletion, a status condition
// (`condition=Available`, `condition=Ready=false`), or a JSONPath value
// (`jsonpath='{.status.readyReplicas}'=3`), checked as kubectl checks them.

import { relaxedJsonPathExpression } from './printers/customColumns';
import { goSprint } from './printers/goValues';
import { JsonPathError, parseJsonPath, type JsonPathTemplate } from './printers/jsonpath';
import { KubectlError } from './session';

export interface WaitObject {
  metadata?: { name?: string; generation?: number };
  status?: { conditions?: { type?: string; status?: string; observedGeneration?: number }[]; observedGeneration?: number };
  [key: string]: unknown;
}

export type WaitCondition =
  | { kind: 'delete' }
  | { kind: 'condition'; check(object: WaitObject): boolean }
  | { kind: 'jsonpath'; check(object: WaitObject): boolean };

/** Parses --for in kubectl's words; errors are kubectl's. */
export function parseCondition(text: string): WaitCondition {
  if (text.toLowerCase() === 'delete') return { kind: 'delete' };
  if (text.startsWith('condition=')) {
    let name = text.slice('condition='.length);
    let value = 'true';
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    return { kind: 'condition', check: (o) => conditionMet(o, name, value) };
  }
  if (text.startsWith('jsonpath=')) return jsonPathCondition(text.slice('jsonpath='.length));
  throw new KubectlError(`error: unrecognized condition: ${JSON.stringify(text)}`);
}

const fold = (s: string) => s.toLowerCase();

function conditionMet(object: WaitObject, name: string, value: string): boolean {
  for (const condition of object.status?.conditions ?? []) {
    if (typeof condition?.type !== 'string' || fold(condition.type) !== fold(name)) continue;
    if (typeof condition.status !== 'string') continue;
    const generation = object.metadata?.generation;
    if (typeof generation === 'number') {
      const observed = condition.observedGeneration ?? object.status?.observedGeneration;
      if (typeof observed === 'number' && observed < generation) return false;
    }
    return fold(condition.status) === fold(value);
  }
  return false;
}

/** Splits on single `=`; `==` stays part of the text. */
function splitOnEquals(input: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] === '=') {
      if (input[i + 1] === '=') {
        current += '==';
        i++;
        continue;
      }
      out.push(current);
      current = '';
      continue;
    }
    current += input[i];
  }
  out.push(current);
  return out;
}

function jsonPathCondition(input: string): WaitCondition {
  const parts = splitOnEquals(input);
  if (parts.length < 1 || parts.length > 2) {
    throw new KubectlError("error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'");
  }
  let expression: string;
  try {
    expression = relaxedJsonPathExpression(parts[0]);
  } catch (error) {
    if (error instanceof JsonPathError) throw new KubectlError(error.message);
    throw error;
  }
  const expected = parts.length === 2 ? parts[1].replace(/^['"]+|['"]+$/g, '') : undefined;
  if (expected === '') throw new KubectlError("error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3");
  if (expression === '') throw new KubectlError('error: jsonpath expression cannot be empty');
  let template: JsonPathTemplate;
  try {
    template = parseJsonPath(expression);
  } catch (error) {
    if (error instanceof JsonPathError) throw new KubectlError(error.message);
    throw error;
  }
  return {
    kind: 'jsonpath',
    check: (object) => {
      let results: unknown[][];
      try {
        results = template.findResults(object, { allowMissingKeys: true });
      } catch (error) {
        if (error instanceof JsonPathError) throw new KubectlError(error.message);
        throw error;
      }
      if (results.length === 0 || results[0].length === 0) return false;
      if (results.length > 1) throw new KubectlError('error: given jsonpath expression matches more than one list');
      if (results[0].length > 1) throw new KubectlError('error: given jsonpath expression matches more than one value');
      if (expected === undefined) return true;
      const value = results[0][0];
      if (value !== null && typeof value === 'object') throw new KubectlError('error: jsonpath leads to a nested object or list which is not supported');
      return goSprint(value).trim() === expected.trim();
    },
  };
}
