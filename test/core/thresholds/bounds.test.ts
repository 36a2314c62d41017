import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crosses, levelOf, parseBound, parseDuration } from '../../../src/core/thresholds';

const ok = <T>(r: { ok: T } | { error: string }): T => {
  assert.ok('ok' in r, `expected a value, got ${JSON.stringify(r)}`);
  return (r as { ok: T }).ok;
};

describe('threshold values', () => {
  it('reads every form the runbook uses and the usual variants', () => {
    assert.deepEqual(ok(parseBound('70%')), { value: 70, unit: '%', direction: 'above', text: '70%' });
    assert.deepEqual(ok(parseBound('<85%')), { value: 85, unit: '%', direction: 'below', strict: true, text: '<85%' });
    assert.deepEqual(ok(parseBound('>= 90%')), { value: 90, unit: '%', direction: 'above', text: '>= 90%' });
    assert.deepEqual(ok(parseBound('<=3')), { value: 3, unit: '', direction: 'below', text: '<=3' });
    assert.deepEqual(ok(parseBound('1000/sec')), { value: 1000, unit: '/sec', direction: 'above', text: '1000/sec' });
    assert.equal(ok(parseBound('60/min')).value, 1);
    assert.equal(ok(parseBound('60/min')).unit, '/sec');
    assert.equal(ok(parseBound('250 rps')).unit, '/sec');
    assert.deepEqual(ok(parseBound(3)), { value: 3, unit: '', direction: 'above', text: '3' });
    assert.equal(ok(parseBound('0.5')).value, 0.5);
    assert.deepEqual([ok(parseBound('500ms')).value, ok(parseBound('500ms')).unit], [0.5, 's']);
    assert.equal(ok(parseBound('2s')).value, 2);
  });

  it('says what was expected for unknown units and other junk', () => {
    const unit = parseBound('85 percent');
    assert.ok('error' in unit);
    assert.match(unit.error, /unknown unit 'percent' in '85 percent'/);
    assert.match(unit.error, /expected a percentage \(85%\), a rate \(1000\/sec\)/);
    assert.ok('error' in parseBound('high'));
    assert.ok('error' in parseBound(null));
    assert.match((parseBound([1]) as { error: string }).error, /got a list/);
  });

  it('reads durations', () => {
    assert.equal(ok(parseDuration('5m')), 300_000);
    assert.equal(ok(parseDuration('1m')), 60_000);
    assert.equal(ok(parseDuration('15m')), 900_000);
    assert.equal(ok(parseDuration('1h30m')), 5_400_000);
    assert.equal(ok(parseDuration('90s')), 90_000);
    assert.equal(ok(parseDuration('500ms')), 500);
    assert.ok('error' in parseDuration('5 minutes'));
    assert.ok('error' in parseDuration(300));
    assert.match((parseDuration('5x') as { error: string }).error, /expected a duration such as 30s, 5m/);
  });

  it('crosses at the bound going up, below it going down', () => {
    const p70 = ok(parseBound('70%'));
    assert.equal(crosses(p70, 70), true);
    assert.equal(crosses(p70, 69.9), false);
    const below85 = ok(parseBound('<85%'));
    assert.equal(crosses(below85, 84.9), true);
    assert.equal(crosses(below85, 85), false);
    assert.equal(crosses(ok(parseBound('>5')), 5), false);
    const hits = { warning: below85, critical: ok(parseBound('<70%')) };
    assert.equal(levelOf(95, hits).level, 'ok');
    assert.equal(levelOf(80, hits).level, 'warning');
    assert.deepEqual(levelOf(60, hits), { level: 'critical', bound: hits.critical });
  });
});
