// Errors raised while reading or running an awk program.

/** The program does not parse; offset points into the program text. */
export class AwkSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** The program uses something the built-in awk does not implement. */
export class AwkUnsupported extends Error {
  constructor(readonly feature: string) {
    super(`this program uses ${feature}, which the built-in awk does not support; run it in a terminal`);
  }
}

/** A run-time error that stops gawk ("fatal: division by zero attempted"). */
export class AwkFatal extends Error {}
