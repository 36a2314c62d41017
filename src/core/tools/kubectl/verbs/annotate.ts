// kubectl annotate: add, change (--overwrite) or remove (`key-`) annotations;
// always `annotated`, as kubectl prints it.

import { KubectlError } from '../session';
import { runMetadataUpdate, type MetadataVerb } from '../metadataUpdates';
import { describeAction, changesUnlessDryRun, SELECT_FLAGS, WRITE_OUTPUT_FLAGS } from '../writes';
import type { Verb } from './verb';

const CHANGE_CAUSE = 'kubernetes.io/change-cause';

const annotations: MetadataVerb = {
  pair: 'annotation',
  field: 'annotations',
  checkOverwrite(current, changes) {
    const conflicts = changes.set.filter(([key, value]) => key !== CHANGE_CAUSE && key in current && current[key] !== value);
    if (conflicts.length === 0) return;
    const found = conflicts.map(([key]) => `'${key}' already has a value (${current[key]})`).join('; ');
    throw new KubectlError(`error: --overwrite is false but found the following declared annotation(s): ${found}`);
  },
  operation: () => 'annotated',
};

export const annotate: Verb = {
  name: 'annotate',
  flags: [...WRITE_OUTPUT_FLAGS, ...SELECT_FLAGS, { name: 'overwrite', type: 'bool' }, { name: 'resource-version', type: 'string' }, { name: 'local', type: 'bool' }, { name: 'list', type: 'bool' }],
  usage: 'kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]',
  effect: changesUnlessDryRun,
  action: (args) => describeAction('annotate', args),
  run: (run) => runMetadataUpdate(run, annotations),
};
