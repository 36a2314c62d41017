import { test } from 'node:test';
import assert from 'node:assert/strict';
import { balancedOrders } from '../../bench/order';

test('each round runs every path once, and every path follows every other path equally often', () => {
  for (let n = 1; n <= 6; n++) {
    const rows = balancedOrders(n);
    assert.equal(rows.length, n % 2 === 0 ? n : 2 * n);
    for (const row of rows) assert.deepEqual([...row].sort(), Array.from({ length: n }, (_, i) => i), `n=${n}: ${row}`);
    const follows = new Map<string, number>();
    for (const row of rows) for (let k = 1; k < row.length; k++) follows.set(`${row[k - 1]}>${row[k]}`, (follows.get(`${row[k - 1]}>${row[k]}`) ?? 0) + 1);
    assert.equal(follows.size, n * (n - 1), `n=${n}: every ordered pair occurs`);
    assert.equal(new Set(follows.values()).size <= 1, true, `n=${n}: each pair equally often (${[...follows]})`);
  }
});
