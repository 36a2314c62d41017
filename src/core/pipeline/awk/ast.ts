// The syntax tree of an awk program.

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'regex'; source: string }
  | { k: 'var'; name: string }
  | { k: 'field'; index: Expr }
  | { k: 'elem'; name: string; subs: Expr[] }
  | { k: 'assign'; op: string; target: LValue; value: Expr }
  | { k: 'cond'; test: Expr; yes: Expr; no: Expr }
  | { k: 'logic'; op: '&&' | '||'; a: Expr; b: Expr }
  | { k: 'in'; subs: Expr[]; name: string }
  | { k: 'match'; negate: boolean; subject: Expr; re: Expr }
  | { k: 'binary'; op: string; a: Expr; b: Expr }
  | { k: 'unary'; op: '!' | '-' | '+'; a: Expr }
  | { k: 'incdec'; op: '++' | '--'; prefix: boolean; target: LValue }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'ucall'; name: string; args: Expr[] }
  | { k: 'group'; e: Expr }
  | { k: 'list'; items: Expr[] };

export type LValue = Extract<Expr, { k: 'var' } | { k: 'field' } | { k: 'elem' }>;

export type Stmt =
  | { k: 'print'; args: Expr[]; dest?: Expr }
  | { k: 'printf'; args: Expr[]; dest?: Expr }
  | { k: 'expr'; e: Expr }
  | { k: 'if'; test: Expr; then: Stmt; else?: Stmt }
  | { k: 'while'; test: Expr; body: Stmt }
  | { k: 'do'; body: Stmt; test: Expr }
  | { k: 'for'; init?: Stmt; test?: Expr; step?: Stmt; body: Stmt }
  | { k: 'forIn'; key: LValue; name: string; body: Stmt }
  | { k: 'block'; body: Stmt[] }
  | { k: 'next' }
  | { k: 'nextfile' }
  | { k: 'exit'; code?: Expr }
  | { k: 'return'; value?: Expr }
  | { k: 'break' }
  | { k: 'continue' }
  | { k: 'delete'; name: string; subs?: Expr[] };

export type Pattern =
  | { k: 'begin' }
  | { k: 'end' }
  | { k: 'always' }
  | { k: 'expr'; e: Expr }
  | { k: 'range'; from: Expr; to: Expr };

export interface Rule {
  readonly pattern: Pattern;
  /** Undefined means "{ print }". */
  readonly action: Stmt[] | undefined;
}

export interface AwkFunction {
  readonly name: string;
  readonly params: string[];
  readonly body: Stmt[];
}

export interface AwkProgram {
  readonly rules: Rule[];
  readonly functions: Map<string, AwkFunction>;
}
