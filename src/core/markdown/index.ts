export type { CellOrigin, FenceOrigin, RunbookCell, RunbookDocument, RunbookFile } from './cells';
export { parseRunbook } from './parse';
export { serializeRunbook } from './serialize';
export { isUnedited } from './renderCell';
export { decodeRunbook, encodeRunbook, RunbookDecodeError, DEFAULT_MAX_RUNBOOK_BYTES } from './decode';
export { languageForInfo, infoAttributes } from './languages';
export { roundTrip, firstDifference, type RoundTripResult } from './roundtrip';
export { firstCodeLine } from './cellLines';
