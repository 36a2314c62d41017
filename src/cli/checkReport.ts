// How `runbook check` prints its report: a table of thresholds, measurements
// and verdicts, then findings, what was not measured, skipped and failed; or
// one JSON document with --json.

import { formatValue } from '../core/thresholds';
import type { CheckReport } from './check';
import { inlineSummary } from './inlineNotRun';
import type { Output } from './roundtrip';

export function printReport(report: CheckReport, json: boolean, io: Output): void {
  if (json) {
    io.out(JSON.stringify(report, null, 2));
    return;
  }
  for (const d of report.diagnostics) io.err(`${report.file}:${d.fileLine}:${d.column + 1}: ${d.severity}: ${d.message}`);
  const rows: string[][] = [['GROUP', 'METRIC', 'THRESHOLD', 'MEASURED', 'ON', 'LINE', 'VERDICT']];
  for (const v of report.verdicts) {
    const m = v.measurement;
    const verdict = v.level === 'not-measured' ? 'not measured' : v.text.split(':')[0];
    rows.push([v.group, v.metric, v.threshold, m ? formatValue(m.value, m.unit) : '-', m?.subject ?? '-', v.line ? String(v.line) : '-', verdict]);
  }
  if (report.verdicts.length) table(rows).forEach((line) => io.out(line));
  else io.out('No thresholds: the runbook has no YAML threshold block under a heading that names a component (see docs/thresholds.md).');

  const notMeasured = report.verdicts.filter((v) => v.level === 'not-measured');
  if (notMeasured.length) {
    io.out('');
    io.out('Not measured (does not change the exit status):');
    for (const v of notMeasured) io.out(`  ${v.group} ${v.metric}: ${v.reason ?? ''}`);
  }
  if (report.findings.length) {
    io.out('');
    io.out('Findings:');
    for (const f of report.findings) io.out(`  ${f.level.padEnd(8)} line ${f.line}  ${f.message}`);
  }
  if (report.skipped.length) {
    io.out('');
    io.out(`Skipped ${report.skipped.length} command${report.skipped.length === 1 ? '' : 's'} (check runs only commands that read state):`);
    for (const s of report.skipped) io.out(`  line ${s.line}  ${oneLine(s.command)}  (${s.reason})`);
  }
  if (report.inline.length) {
    io.out('');
    io.out(`Not run: ${report.inline.length} inline command${report.inline.length === 1 ? '' : 's'} (prose names commands as examples; run one with runbook exec --from FILE:LINE):`);
    for (const s of report.inline) io.out(`  line ${s.line}  ${oneLine(s.command)}`);
  }
  if (report.failures.length) {
    io.out('');
    io.out('Failed (the check is incomplete):');
    for (const f of report.failures) io.out(`  line ${f.line}  ${oneLine(f.command)}  exit ${f.exitCode}${f.message ? `: ${f.message}` : ''}`);
  }
  io.out('');
  const ran = report.cells.length;
  const how = report.sustainedOnly ? `sustained breaches only, ${report.rounds} sample${report.rounds === 1 ? '' : 's'}` : 'one sample';
  io.out(`${report.incomplete ? 'incomplete' : report.level} (exit ${report.exitCode}): ran ${ran} cell${ran === 1 ? '' : 's'} or command${ran === 1 ? '' : 's'}, ${how}${inlineSummary(report.inline.length)}`);
}

function oneLine(text: string): string {
  const flat = text.replace(/\s*\\\n\s*/g, ' ').replace(/\n/g, '; ');
  return flat.length > 100 ? `${flat.slice(0, 97)}...` : flat;
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd());
}
