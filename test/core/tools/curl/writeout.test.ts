// --write-out expansion, argument parsing, host routing and plan(): no servers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCurlArgs, CurlUsageError } from '../../../../src/core/tools/curl/args';
import { parseHostMappings } from '../../../../src/core/connections';
import { connectToMapping, route } from '../../../../src/core/tools/curl/hosts';
import { curlTool } from '../../../../src/core/tools/curl';
import { emptyInfo } from '../../../../src/core/tools/curl/transfer';
import { expandWriteOut } from '../../../../src/core/tools/curl/writeout';

const info = {
  ...emptyInfo('https://api.tiktok-toe.com/health', 'GET'),
  httpCode: 200, timeTotal: 0.0123456789, timeConnect: 0.001, timeStarttransfer: 0.01, sizeDownload: 154,
  contentType: 'application/json', headers: { 'content-type': 'application/json', 'x-id': 'abc' },
};

describe('--write-out', () => {
  it('expands variables and escapes as curl 7.88 does', () => {
    assert.deepEqual(expandWriteOut('%{http_code}\\n', info), { stdout: '200\n', stderr: '' });
    assert.equal(expandWriteOut('%{time_total}', info).stdout, '0.012346');
    assert.equal(expandWriteOut('%{time_connect} %{time_starttransfer}', info).stdout, '0.001000 0.010000');
    assert.equal(expandWriteOut('%{size_download}|%{url_effective}|%{content_type}', info).stdout, '154|https://api.tiktok-toe.com/health|application/json');
    assert.equal(expandWriteOut('a\\tb\\r\\\\%%', info).stdout, 'a\tb\r\\%');
    assert.equal(expandWriteOut('%header{X-ID} %{method} %{scheme}', info).stdout, 'abc GET HTTPS');
  });
  it('pads a missing status to 000 and reports unknown variables on stderr', () => {
    assert.equal(expandWriteOut('%{http_code}', emptyInfo('http://x/', 'GET')).stdout, '000');
    assert.deepEqual(expandWriteOut('[%{nosuch}]', info), { stdout: '[]', stderr: "curl: unknown --write-out variable: 'nosuch'\n" });
  });
  it('switches to stderr with %{stderr}', () => {
    assert.deepEqual(expandWriteOut('a%{stderr}b%{stdout}c', info), { stdout: 'ac', stderr: 'b' });
  });
  it('leaves an unterminated %{ as text', () => {
    assert.equal(expandWriteOut('x %{http_code', info).stdout, 'x %{http_code');
  });
});

describe('curl arguments', () => {
  it('bundles short flags and takes attached values', () => {
    const o = parseCurlArgs(['curl', '-sSfL', '-XPOST', '-H', 'A: 1', '-HB: 2', '-o/dev/null', '-w', '%{http_code}', 'http://x/']);
    assert.equal(o.silent && o.showError && o.fail && o.location, true);
    assert.equal(o.method, 'POST');
    assert.deepEqual(o.headers, ['A: 1', 'B: 2']);
    assert.equal(o.output, '/dev/null');
    assert.deepEqual(o.urls, ['http://x/']);
  });
  it('fails like curl on unknown flags and missing URLs', () => {
    assert.throws(() => parseCurlArgs(['curl', '--nosuch', 'x']), (e: CurlUsageError) => e.exitCode === 2 && e.message.startsWith('curl: option --nosuch: is unknown'));
    assert.throws(() => parseCurlArgs(['curl', '-s']), /no URL specified/);
    assert.throws(() => parseCurlArgs(['curl', 'x', '-H']), /option -H: requires parameter/);
  });
});

describe('host routing', () => {
  const hosts = parseHostMappings('api.tiktok-toe.com:443=127.0.0.1:24567,redis-cluster:6379=127.0.0.1:21234');
  it('maps RUNBOOK_HOSTS entries like --connect-to', () => {
    assert.deepEqual(route('api.tiktok-toe.com', 443, hosts, []), { host: '127.0.0.1', port: 24567 });
    assert.deepEqual(route('api.tiktok-toe.com', 8443, hosts, []), { host: 'api.tiktok-toe.com', port: 8443 });
  });
  it('applies --resolve after --connect-to, and wildcards', () => {
    assert.deepEqual(route('a.test', 443, [], ['a.test:443:10.0.0.1']), { host: 'a.test', port: 443, address: '10.0.0.1' });
    assert.deepEqual(route('a.test', 443, [connectToMapping('::b.test:8443')], ['b.test:8443:10.0.0.2']), { host: 'b.test', port: 8443, address: '10.0.0.2' });
  });
});

describe('curl plan', () => {
  it('reads with GET and HEAD, mutates with a body or a writing method', () => {
    assert.equal(curlTool.parse(['curl', 'https://api.tiktok-toe.com/health'], {}).plan.mutates, false);
    assert.equal(curlTool.parse(['curl', '-I', 'https://api.tiktok-toe.com/health'], {}).plan.mutates, false);
    assert.equal(curlTool.parse(['curl', '-d', 'a=1', 'https://x/'], {}).plan.mutates, true);
    assert.equal(curlTool.parse(['curl', '-X', 'DELETE', 'https://x/'], {}).plan.mutates, true);
    assert.equal(curlTool.parse(['curl', '-X', 'PATCH', 'https://x/'], {}).plan.action, 'PATCH https://x/');
  });
  it('targets the origin', async () => {
    const t = await curlTool.parse(['curl', '-s', 'https://api.tiktok-toe.com/health'], {}).target!({ env: {}, session: undefined as never, cwd: '/' });
    assert.equal(t?.kind, 'http');
    assert.equal(t?.label, 'https://api.tiktok-toe.com');
  });
});
