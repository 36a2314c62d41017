// What one cell run produced, as the outputs, the renderer and the CLI read it.

export { RESULT_MIME, type CellResult, type CommandSummary, type ResultStatus } from './cellResult';
