// A runbook with a cell in each place a record must keep outputs in: a
// numbered step, a blockquote, the top level; and prose with raw HTML.

import type { CellVerdict } from '../../../src/core/thresholds';
import { result, type SampleRun } from './sampleRecord';

export const HOSTILE = '<script>alert(1)</script> --> </pre> <!-- x';

export const RUNBOOK = [
  '---',
  'title: Web tier',
  '---',
  '# Web tier <img src=x onerror="alert(1)">',
  '',
  'Prose with <b onclick="alert(1)">raw HTML</b> and a [link](javascript:alert(1)).',
  '',
  '1. Check the pods:',
  '   ```bash',
  '   kubectl get pods',
  '   ```',
  '',
  '2. Scale up:',
  '   ```bash',
  '   kubectl scale deployment web --replicas=5',
  '   ```',
  '',
  '> Only when the pager says so:',
  '> ```bash',
  '> kubectl logs deploy/web',
  '> ```',
  '',
  '```bash',
  'kubectl top pods',
  '```',
  '',
].join('\n');

export const PODS = 'NAME        READY   STATUS    RESTARTS   AGE\nweb-1       1/1     Running   0          5m\nweb-2       1/1     Running   0          5m\n';
export const LONG = Array.from({ length: 40 }, (_, i) => `line ${i + 1} of the log`).join('\n') + '\n';

const critical: CellVerdict = {
  level: 'critical',
  verdicts: [{ group: 'Application Servers', metric: 'cpu', level: 'critical', sustained: true, text: 'cpu 93% ≥ 85%' }],
  findings: [],
  measurements: [],
};

export const RUNS: SampleRun[] = [
  { codeCell: 0, result: result('kubectl get pods', PODS, { verdict: { level: 'ok', verdicts: [], findings: [], measurements: [] } }) },
  { codeCell: 1, result: result('kubectl scale deployment web --replicas=5', 'deployment.apps/web scaled\n'), confirmation: { action: 'scale deployment/web', commandLine: 'kubectl scale deployment web --replicas=5', answer: true } },
  { codeCell: 2, result: result('kubectl logs deploy/web', LONG + HOSTILE + '\n') },
  { codeCell: 3, result: result('kubectl top pods', 'NAME    CPU(cores)   MEMORY(bytes)\nweb-1   930m         120Mi\n', { verdict: critical }) },
  { codeCell: 3, result: result('kubectl top pods', '', { status: 'failed', exitCode: 1, stderr: `error: metrics not available yet ${HOSTILE}\n` }) },
];
