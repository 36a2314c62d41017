export { ranCleanly, type CellRun } from './result';
export type { CommandResult, ResultStatus } from '../results/commandResult';
export { runCell, type CellEvents, type CellHooks, type RunCellOptions, type ValueRequest } from './run';
export { ToolRegistry } from './registry';
export { Session, isSecretName, stateKey, type StateKey } from '../session';
export { toolPlan } from './tool';
export type { CommandSecret, ConfirmationRequest, Effect, EditRequest, OutputSink, ParsedCommand, Preview, PreviewContext, Target, Tool, ToolContext, ToolEnv, ToolPlan } from './tool';
export { planCell, readOnlySkipReason, type PlanRow } from './plan';
