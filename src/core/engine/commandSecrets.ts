// A planned line's secrets go to the session's masker before the line is
// shown or run: what each tool found in its arguments, and the values of
// `VAR=x cmd` prefixes whose names are secret. Only a line whose values are
// all known is read for them.

import { isSecretName, type Masker } from '../secrets';
import type { PipelinePlan } from './plan';

export function registerCommandSecrets(plan: PipelinePlan, masker: Masker): void {
  // Until every value is known the words hold `$NAME` and `$(...)` as written: no secret yet, and the line does not run.
  if (plan.missing.length || plan.placeholders.length || plan.substitutions.length) return;
  for (const stage of plan.stages) {
    for (const secret of stage.command?.secrets ?? []) masker.add(secret.value, secret.kind);
    for (const [name, value] of Object.entries(stage.env)) if (isSecretName(name)) masker.add(value, name);
  }
}
