// Entry point that VS Code loads as `extensionTestsPath`: runs the mocha
// suites inside the real extension host, prints each test's title and
// outcome, and closes with `N passed, N failed`.
//   RUNBOOK_E2E_SUITE=trusted|untrusted picks the suites for the window's trust state;
//   `verdicts` is a trusted window against a sandbox in the critical scenario;
//   `health` one against every source the sample names, in the warning scenario.

import Mocha from 'mocha';
import { flush, note, record, report } from './report';

class LineReporter {
  constructor(runner: Mocha.Runner) {
    runner.on('pass', (test: Mocha.Test) => {
      record({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 });
      console.log(`  ok    ${test.fullTitle()} (${test.duration ?? 0} ms)`);
    });
    runner.on('fail', (test: Mocha.Runnable, error: Error) => {
      const message = (error?.stack ?? String(error)).split('\n').slice(0, 8).join('\n');
      record({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0, error: message });
      console.log(`  FAIL  ${test.fullTitle()}\n${message.replace(/^/gm, '        ')}`);
    });
  }
}

export async function run(): Promise<void> {
  const suite = process.env.RUNBOOK_E2E_SUITE ?? 'trusted';
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: false, reporter: LineReporter as unknown as Mocha.ReporterConstructor });
  // Defines suite()/test() for the bundled test modules, which are loaded only now.
  mocha.suite.emit('pre-require', globalThis, `${suite}.e2e`, mocha);
  if (suite === 'untrusted') {
    require('./untrusted.e2e');
  } else if (suite === 'verdicts') {
    // Before any other suite shows a verdict in this window.
    require('./walkthrough.e2e');
    require('./verdicts.e2e');
    require('./health.e2e');
  } else if (suite === 'health') {
    require('./health.e2e');
  } else {
    require('./open.e2e');
    require('./save.e2e');
    require('./run.e2e');
    require('./largeOutput.e2e');
    require('./walkthrough.e2e');
    // Cells against the sandbox, when the runner started one (RUNBOOK_E2E_SANDBOX=1).
    if (process.env.RUNBOOK_E2E_SANDBOX === '1') {
      // Before the suites that change the sandbox's state (kubectl scale).
      require('./health.e2e');
      require('./sandbox.e2e');
      require('./inline.e2e');
      require('./records.e2e');
    }
  }
  note('vscodeVersion', (await import('vscode')).version);
  const started = Date.now();
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  report.finished = true;
  flush();
  console.log(`${suite} extension-host tests finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${report.passed} passed, ${report.failed} failed`);
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}
