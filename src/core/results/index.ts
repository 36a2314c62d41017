// What one cell run produced, as the outputs, the renderer and the CLI read it.

export { RESULT_MIME, type CellResult, type FullOutput } from './cellResult';
export type { CommandResult, ResultStatus, Target } from './commandResult';
export type * from './toolData';
