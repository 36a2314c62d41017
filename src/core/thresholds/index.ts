// Thresholds: what a runbook says is too high, what its cells measured, and
// the verdicts. The API the engine, the CLI (`runbook check`) and the VS Code
// layer use. Plain data in and out; no VS Code, no I/O.

export * from './types';
export { readThresholds, type ThresholdReading, type ThresholdSourceCell } from './read';
export { BreachTracker, type BreachState } from './tracker';
export { judgeCell, judgeSamples, maxLevel, worseVerdict, LEVEL_RANK } from './judge';
export { measureToolData, type Sample, type FoundFinding, type Selector } from './measure';
export { summarizeNotebook } from './summary';
export { parseBound, parseDuration, crosses, levelOf, boundCondition, formatDuration } from './bounds';
export { formatValue, thresholdText } from './text';
export { metricsOf, findMetric, type MetricInfo } from './metrics';
export { componentForHeading } from './headings';
export { httpFinding, httpMeasurement, postgresMeasurements, redisMeasurements } from './measure/connections';
export { databaseVolumes, storageMeasurement } from './measure/storage';
export { podGroups } from './bindings';
