// kubectl label: add, change (--overwrite) or remove (`key-`) labels;
// `labeled`, `unlabeled` or `not labeled`, as kubectl words it.

import { KubectlError } from '../session';
import { runMetadataUpdate, type MetadataVerb } from '../metadataUpdates';
import { describeAction, changesUnlessDryRun, SELECT_FLAGS, WRITE_OUTPUT_FLAGS } from '../writes';
import type { Verb } from './verb';

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

const labels: MetadataVerb = {
  pair: 'label',
  field: 'labels',
  validate(_key, value, spec) {
    const problems: string[] = [];
    if (value.length > 63) problems.push('must be no more than 63 characters');
    if (!LABEL_VALUE.test(value)) {
      problems.push(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      );
    }
    if (problems.length) throw new KubectlError(`error: invalid label value: "${spec}": ${problems.join('; ')}`);
  },
  checkOverwrite(current, changes) {
    const conflicts = changes.set.filter(([key, value]) => key in current && current[key] !== value);
    if (conflicts.length === 0) return;
    const lines = conflicts.map(([key]) => `'${key}' already has a value (${current[key]}), and --overwrite is false`);
    throw new KubectlError(lines.length === 1 ? `error: ${lines[0]}` : `error: [${lines.join(', ')}]`);
  },
  missingNotice: (key) => `label "${key}" not found.\n`,
  operation(before, after, overwrite) {
    if (before === after) return 'not labeled';
    return !overwrite && after.length < before.length ? 'unlabeled' : 'labeled';
  },
};

export const label: Verb = {
  name: 'label',
  flags: [...WRITE_OUTPUT_FLAGS, ...SELECT_FLAGS, { name: 'overwrite', type: 'bool' }, { name: 'resource-version', type: 'string' }, { name: 'local', type: 'bool' }, { name: 'list', type: 'bool' }],
  usage: 'kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]',
  effect: changesUnlessDryRun,
  action: (args) => describeAction('label', args),
  run: (run) => runMetadataUpdate(run, labels),
};
