import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstNameserver, goLookupServer, goNoSuchHost } from '../../../src/core/connections/goResolver';

describe('the DNS server a failed kubectl lookup names', () => {
  it('is the first nameserver of resolv.conf, with port 53', () => {
    assert.equal(firstNameserver('# generated\nsearch corp.example\nnameserver 10.255.255.53\nnameserver 1.1.1.1\n'), '10.255.255.53:53');
    assert.equal(firstNameserver('nameserver fd00::53%eth0\n'), '[fd00::53]:53');
    assert.equal(firstNameserver('search corp.example\n'), undefined);
  });

  it('only on Linux, where kubectl uses Go’s own resolver; none when resolv.conf cannot be read', () => {
    const conf = () => 'nameserver 192.0.2.1\n';
    assert.equal(goLookupServer('linux', conf), '192.0.2.1:53');
    assert.equal(goLookupServer('darwin', conf), undefined);
    assert.equal(goLookupServer('linux', () => { throw new Error('ENOENT'); }), undefined);
  });

  it('words the failure as Go does', () => {
    assert.equal(goNoSuchHost('nosuch.invalid', '192.0.2.1:53'), 'lookup nosuch.invalid on 192.0.2.1:53: no such host');
    assert.equal(goNoSuchHost('nosuch.invalid', undefined), 'lookup nosuch.invalid: no such host');
  });
});
