// The structured result every cell output carries: plain data that the
// renderer (browser), the CLI and the notebook read.
export * from './cellResult';
