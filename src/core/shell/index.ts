export * from './ast';
export { parseScript } from './parse';
export { stripPrompts } from './prompts';
export { parseCell } from './parseCell';
export { SHELL_LANGUAGES, isShellLanguage } from './languages';
export { expandWords, placeholderKey, wordText, type Expansion, type VariableLookup } from './words';
