export type { CellRun, CommandResult, CommandStatus } from './result';
export { runCell, type CellEvents, type CellHooks, type RunCellOptions, type ValueRequest } from './run';
export { ToolRegistry } from './registry';
export { Session, isSecretName } from '../session';
export type { ConfirmationRequest, EditRequest, OutputSink, ParsedCommand, Target, Tool, ToolContext, ToolEnv, ToolPlan } from './tool';
export { planCell, readOnlySkipReason, type PlanRow } from './plan';
