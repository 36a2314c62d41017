// The pieces the read-only kubectl verbs format with: quantities, Go
// durations and ages, Go's unstable sort, the pod kubectl picks for logs, and
// an event's LAST SEEN.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goDurationString, humanDuration, parseGoDuration } from '../../../../src/core/tools/kubectl/durations';
import { goSort } from '../../../../src/core/tools/kubectl/goSort';
import { byLogging, labelSelectorString, type Pod } from '../../../../src/core/tools/kubectl/pods';
import { formatMebibytes, formatMillicores, sumDeclared } from '../../../../src/core/tools/kubectl/topQuantities';
import { Quantity } from '../../../../src/core/units';
import { lastSeen } from '../../../../src/core/tools/kubectl/verbs/events';

const q = (s: string) => Quantity.parse(s)!;

describe('quantities', () => {
  it('reads every suffix exactly', () => {
    assert.equal(q('250m').milliValue(), 250);
    assert.equal(q('1.5').milliValue(), 1500);
    assert.equal(q('2').value(), 2);
    assert.equal(q('512Mi').value(), 512 * 2 ** 20);
    assert.equal(q('287744Ki').value(), 287744 * 1024);
    assert.equal(q('1e3').value(), 1000);
    assert.equal(q('1G').value(), 1e9);
    assert.equal(q('100n').milliValue(), 1, 'rounded up, as Go does');
    assert.equal(Quantity.parse('abc'), undefined);
    assert.equal(Quantity.parse(''), undefined);
  });

  it('prints kubectl top cells', () => {
    assert.equal(formatMillicores(q('250m')), '250m');
    assert.equal(formatMebibytes(q('287744Ki')), '281Mi');
    // Sums are exact before the MiB truncation: three rows of 1Mi (1.5Mi each) total 4Mi.
    assert.equal(formatMebibytes(q('1536Ki')), '1Mi');
    const total = ['1536Ki', '1536Ki', '1536Ki'].map(q).reduce((a, b) => a.add(b), Quantity.ZERO);
    assert.equal(formatMebibytes(total), '4Mi');
  });

  it('sums declared requests only when every container declares one', () => {
    assert.equal(sumDeclared(['500m', '250m'])?.milliValue(), 750);
    assert.equal(sumDeclared(['500m', undefined]), undefined);
    assert.equal(sumDeclared([]), undefined);
  });
});

describe('durations', () => {
  it('parses Go durations and words errors as Go does', () => {
    assert.equal(parseGoDuration('5m'), 300_000);
    assert.equal(parseGoDuration('1h30m'), 5_400_000);
    assert.equal(parseGoDuration('1.5s'), 1500);
    assert.equal(parseGoDuration('-1s'), -1000);
    assert.equal(parseGoDuration('0'), 0);
    assert.throws(() => parseGoDuration('5x'), /time: unknown unit "x" in duration "5x"/);
    assert.throws(() => parseGoDuration('5'), /time: missing unit in duration "5"/);
    assert.throws(() => parseGoDuration('abc'), /time: invalid duration "abc"/);
  });

  it('prints kubectl ages', () => {
    const s = 1000;
    const cases: [number, string][] = [[5 * s, '5s'], [119 * s, '119s'], [200 * s, '3m20s'], [600 * s, '10m'], [3 * 3600 * s, '3h'], [(3 * 3600 + 120) * s, '3h2m'], [47 * 3600 * s, '47h'], [50 * 3600 * s, '2d2h'], [6 * 86400 * s, '6d'], [30 * 86400 * s, '30d'], [800 * 86400 * s, '2y70d']];
    for (const [ms, text] of cases) assert.equal(humanDuration(ms), text, `${ms} ms`);
    assert.equal(goDurationString(3_723_500), '1h2m3.5s');
    assert.equal(goDurationString(150), '150ms');
  });
});

describe("Go's sort.Sort", () => {
  it('sorts, and leaves ties as insertion sort does for up to 12 elements', () => {
    const items = [3, 1, 2, 1, 3].map((v, i) => ({ v, i }));
    goSort(items, (a, b) => a.v < b.v);
    assert.deepEqual(items.map((x) => x.i), [1, 3, 2, 0, 4]);
  });

  it('sorts longer inputs (pattern-defeating quicksort)', () => {
    const values = Array.from({ length: 500 }, (_, i) => (i * 7919) % 101);
    const sorted = goSort([...values], (a, b) => a < b);
    assert.deepEqual(sorted, [...values].sort((a, b) => a - b));
    const reversed = goSort(Array.from({ length: 100 }, (_, i) => 100 - i), (a, b) => a < b);
    assert.deepEqual(reversed, Array.from({ length: 100 }, (_, i) => i + 1));
  });
});

describe('pods', () => {
  const pod = (name: string, extra: Partial<Pod['status']> & { node?: string; created?: string; readySince?: string } = {}): Pod => ({
    metadata: { name, creationTimestamp: extra.created ?? '2024-01-01T00:00:00Z' },
    spec: { nodeName: extra.node ?? 'n1', containers: [{ name: 'app' }] },
    status: {
      phase: extra.phase ?? 'Running',
      conditions: extra.readySince === undefined ? [] : [{ type: 'Ready', status: 'True', lastTransitionTime: extra.readySince }],
      containerStatuses: extra.containerStatuses ?? [{ name: 'app', restartCount: 0 }],
    },
  });

  it('prefers scheduled, running, ready-longest pods for logs', () => {
    const pods = [
      pod('pending', { phase: 'Pending', readySince: '2024-01-01T00:00:00Z' }),
      pod('not-ready'),
      pod('ready-late', { readySince: '2024-01-02T00:00:00Z' }),
      pod('ready-early', { readySince: '2024-01-01T00:00:00Z' }),
      pod('unscheduled', { node: '' }),
    ];
    assert.deepEqual([...pods].sort(byLogging).map((p) => p.metadata.name), ['ready-early', 'ready-late', 'not-ready', 'pending', 'unscheduled']);
  });

  it('writes label selectors as the API takes them', () => {
    assert.equal(labelSelectorString({ matchLabels: { app: 'x', tier: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }] }), 'app=x,env in (dev,prod),tier=web');
  });
});

describe('events', () => {
  it('shows LAST SEEN as kubectl does', () => {
    const now = Date.parse('2024-01-01T01:00:00Z');
    assert.equal(lastSeen({ firstTimestamp: '2024-01-01T00:17:00Z', lastTimestamp: '2024-01-01T00:17:00Z', count: 1 }, now), '43m');
    assert.equal(lastSeen({ firstTimestamp: '2024-01-01T00:33:00Z', lastTimestamp: '2024-01-01T00:39:00Z', count: 3 }, now), '21m (x3 over 27m)');
    assert.equal(lastSeen({ eventTime: '2024-01-01T00:59:30.000000Z', series: { count: 4, lastObservedTime: '2024-01-01T00:59:50.000000Z' } }, now), '10s (x4 over 30s)');
    assert.equal(lastSeen({}, now), '<unknown>');
  });
});
