// The variables of a running Go template: `$` (the data it was given) and
// each `$x` a pipeline declares, visible until the end of the if, with or
// range that declared it (Go's push-down stack of variables).

import type { Val } from './goTemplateValues';

export class Variables {
  private readonly stack: { name: string; value: Val }[];

  constructor(dollar: Val) {
    this.stack = [{ name: '$', value: dollar }];
  }

  /** Where the stack is now, to return to with `pop`. */
  mark(): number {
    return this.stack.length;
  }

  pop(mark: number): void {
    this.stack.length = mark;
  }

  declare(name: string, value: Val): void {
    this.stack.push({ name, value });
  }

  /** The value of the innermost variable of that name; undefined when none is declared. */
  get(name: string): Val | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) if (this.stack[i].name === name) return this.stack[i].value;
    return undefined;
  }

  /** Assigns to the innermost variable of that name (`$x = ...`); false when none is declared. */
  assign(name: string, value: Val): boolean {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      if (this.stack[i].name !== name) continue;
      this.stack[i].value = value;
      return true;
    }
    return false;
  }

  /** Sets the variable `n` from the top (1 is the last declared): how range sets `$i, $e` each time round. */
  setFromTop(n: number, value: Val): void {
    this.stack[this.stack.length - n].value = value;
  }
}
