// The part of the `diff` package (jsdiff) we use: a unified diff of two texts.
declare module 'diff' {
  export function createTwoFilesPatch(oldFileName: string, newFileName: string, oldStr: string, newStr: string, oldHeader?: string, newHeader?: string, options?: { context?: number }): string;
}
