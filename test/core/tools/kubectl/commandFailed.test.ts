// kubectl's klog line for an error cobra returns, field by field.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commandFailed } from '../../../../src/core/tools/kubectl/commandFailed';

test('a command-failed line has the month and day, local time to the microsecond, the pid in seven columns and the quoted error', () => {
  const at = new Date(2026, 11, 7, 6, 9, 5, 42);
  assert.equal(commandFailed('required flag(s) "replicas" not set', at, 25661).message, 'E1207 06:09:05.042000   25661 run.go:72] "command failed" err="required flag(s) \\"replicas\\" not set"');
  assert.equal(commandFailed('x', new Date(2026, 0, 2, 23, 59, 59, 999), 7).message, 'E0102 23:59:59.999000       7 run.go:72] "command failed" err="x"');
});
