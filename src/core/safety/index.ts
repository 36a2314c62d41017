// Safety: which targets are production (patterns from the settings, the
// environment and the runbook's front matter).

export { DEFAULT_PRODUCTION_TARGETS, judgeTarget, productionMatch, productionPatternsFromEnv, PRODUCTION_TARGETS_VARIABLE, targetNames } from './productionTargets';
export { frontMatterProduction } from './frontMatterProduction';
export { globMatcher } from './glob';
