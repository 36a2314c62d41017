// The pure pieces under kubectl describe: column alignment in Go tabwriter
// blocks, ages, readable field names and the timestamp format, checked
// against values the real kubectl prints.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { smartLabel } from '../../../../src/core/tools/kubectl/describe/generic';
import { alignTabbed } from '../../../../src/core/tools/kubectl/printers/tabwriter';
import { Clock } from '../../../../src/core/tools/kubectl/describe/time';

describe('alignTabbed', () => {
  it('pads each cell of a block to its widest cell plus two spaces', () => {
    assert.equal(alignTabbed('Name:\tweb\nNamespace:\tdefault\n'), 'Name:       web\nNamespace:  default\n');
  });

  it('starts a new block after a line without tabs', () => {
    const text = 'Min replicas:\t3\nBehavior:\n      - Type: Percent\tValue: 100\tPeriod: 15 seconds\nDeployment pods:\t3 current\n';
    assert.equal(alignTabbed(text), 'Min replicas:  3\nBehavior:\n      - Type: Percent  Value: 100  Period: 15 seconds\nDeployment pods:       3 current\n');
  });

  it('pads empty cells and leaves the text after the last tab as it is', () => {
    assert.equal(alignTabbed('a\t\tb\nlonger\t\tc \n'), 'a         b\nlonger    c \n');
  });

  it('counts code points, not UTF-16 units', () => {
    assert.equal(alignTabbed('é😀:\tx\nab:\ty\n'), 'é😀:  x\nab:  y\n');
  });
});

describe('ages and times', () => {
  it('gives ages of timestamps relative to the clock, <unknown> for unset ones', () => {
    const clock = new Clock({ TZ: 'UTC' }, Date.parse('2026-11-28T04:29:53Z'));
    assert.equal(clock.since('2026-11-28T03:47:53Z'), '42m');
    assert.equal(clock.since('2026-11-22T01:29:53Z'), '6d3h');
    assert.equal(clock.since('2026-11-28T04:24:23Z'), '5m30s');
    assert.equal(clock.since(undefined), '<unknown>');
  });

  it('formats RFC 1123 times with a numeric zone in the TZ of the environment', () => {
    assert.equal(new Clock({ TZ: 'UTC' }).rfc1123z('2026-11-16T04:29:53Z'), 'Mon, 16 Nov 2026 04:29:53 +0000');
    assert.equal(new Clock({ TZ: 'Asia/Kolkata' }).rfc1123z('2026-11-16T04:29:53Z'), 'Mon, 16 Nov 2026 09:59:53 +0530');
    assert.equal(new Clock({ TZ: '' }).rfc1123z(undefined), 'Mon, 01 Jan 0001 00:00:00 +0000');
  });
});

describe('smartLabel', () => {
  it('turns field names into the labels of the generic describer', () => {
    assert.equal(smartLabel('creationTimestamp'), 'Creation Timestamp');
    assert.equal(smartLabel('uid'), 'UID');
    assert.equal(smartLabel('apiVersion'), 'API Version');
    assert.equal(smartLabel('PDFLoader'), 'PDF Loader');
    assert.equal(smartLabel('with_underscore'), 'with_underscore');
    assert.equal(smartLabel('kube-proxy'), 'Kube - Proxy');
  });
});
