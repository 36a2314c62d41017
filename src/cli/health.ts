// `runbook health FILE [--json] [--watch] [--context NAME]...`: the health
// view's tree in a terminal, judged by the runbook's thresholds. It prints
// one snapshot once every source has answered, then exits (0, 1 or 2 from
// the highest level; 3 when a source could not be read); with --watch it
// prints again on each change until interrupted.

import { HealthMonitor, healthText, type HealthModel } from '../core/health';
import { Runbook } from '../core/runbook';
import type { Output } from './roundtrip';
import { readRunbookText } from './runbookFile';
import { EXIT } from './runOutcome';

export interface HealthOptions {
  json: boolean;
  watch: boolean;
  contexts: string[];
  env?: Readonly<Record<string, string | undefined>>;
  signal?: AbortSignal;
  metricsIntervalSeconds?: number;
  pollIntervalSeconds?: number;
}

export async function healthCommand(file: string, options: HealthOptions, io: Output): Promise<number> {
  const read = readRunbookText(file);
  if ('error' in read) {
    io.err(`runbook: ${read.error}`);
    return EXIT.unreadable;
  }
  const monitor = new HealthMonitor({
    env: options.env ?? process.env,
    runbook: Runbook.fromMarkdown(read.text),
    contexts: options.contexts,
    metricsIntervalSeconds: options.metricsIntervalSeconds,
    pollIntervalSeconds: options.pollIntervalSeconds,
  }).start();
  const print = (model: HealthModel) => io.out(options.json ? JSON.stringify(model, null, 2) : healthText(model).replace(/\n$/, ''));
  try {
    await monitor.settled();
    let model = monitor.model();
    print(model);
    if (!options.watch) return model.exitCode;
    await new Promise<void>((resolve) => {
      const off = monitor.onChange(() => {
        model = monitor.model();
        if (!options.json) io.out('');
        print(model);
      });
      options.signal?.addEventListener('abort', () => {
        off();
        resolve();
      }, { once: true });
    });
    return model.exitCode;
  } finally {
    await monitor.stop();
  }
}
