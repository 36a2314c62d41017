// One shape for every e2e check, wherever it ran (extension host, workbench
// page, CLI), and the printing of titles, outcomes and the closing line.

export interface CheckResult {
  title: string;
  state: 'passed' | 'failed' | 'skipped';
  durationMs: number;
  error?: string;
}

/** Runs named steps in order; after a failure the remaining steps are skipped (they depend on it). */
export class Steps {
  readonly results: CheckResult[] = [];
  private failed = false;

  constructor(
    private readonly group: string,
    private readonly log: (line: string) => void = console.log,
  ) {}

  async step(title: string, body: () => Promise<void>): Promise<boolean> {
    const fullTitle = `${this.group}: ${title}`;
    if (this.failed) {
      this.push({ title: fullTitle, state: 'skipped', durationMs: 0, error: 'an earlier step failed' });
      return false;
    }
    const started = Date.now();
    try {
      await body();
      this.push({ title: fullTitle, state: 'passed', durationMs: Date.now() - started });
      return true;
    } catch (error) {
      this.failed = true;
      this.push({ title: fullTitle, state: 'failed', durationMs: Date.now() - started, error: (error as Error).stack ?? String(error) });
      return false;
    }
  }

  /** Records a check that ran elsewhere (e.g. in the extension host). */
  push(result: CheckResult): void {
    this.results.push(result);
    printResult(result, this.log);
  }
}

export function printResult(result: CheckResult, log: (line: string) => void = console.log): void {
  const mark = result.state === 'passed' ? 'ok  ' : result.state === 'failed' ? 'FAIL' : 'skip';
  log(`  ${mark}  ${result.title} (${(result.durationMs / 1000).toFixed(1)} s)`);
  if (result.state === 'failed' && result.error) log(result.error.split('\n').slice(0, 10).map((l) => `          ${l}`).join('\n'));
}

/** `N passed, N failed` (and `, N skipped` when any were). */
export function closingLine(results: CheckResult[]): string {
  const count = (state: CheckResult['state']) => results.filter((r) => r.state === state).length;
  const skipped = count('skipped');
  return `${count('passed')} passed, ${count('failed')} failed${skipped ? `, ${skipped} skipped` : ''}`;
}
