// Host mappings (RUNBOOK_HOSTS): how entries are read, where a host:port is
// routed, and the messages for entries that are not mappings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hostMappings, HostMappingError, parseHostMappings, routeTo } from '../../../src/core/connections';

describe('reading RUNBOOK_HOSTS', () => {
  it('reads comma-separated name:port=address:port entries, spaces and empty entries allowed', () => {
    assert.deepEqual(parseHostMappings(' db.prod.internal:5432=127.0.0.1:54321 , ,redis-cluster:6379=localhost:7000,'), [
      { host: 'db.prod.internal', port: 5432, toHost: '127.0.0.1', toPort: 54321 },
      { host: 'redis-cluster', port: 6379, toHost: 'localhost', toPort: 7000 },
    ]);
  });

  it('takes IPv6 addresses in brackets on either side', () => {
    assert.deepEqual(parseHostMappings('[fd00::1]:443=[::1]:8443'), [{ host: 'fd00::1', port: 443, toHost: '::1', toPort: 8443 }]);
  });

  it('has no mappings when the variable is unset or blank', () => {
    assert.deepEqual(parseHostMappings(undefined), []);
    assert.deepEqual(parseHostMappings('  '), []);
    assert.deepEqual(hostMappings({ PATH: '/bin' }), []);
    assert.equal(hostMappings({ RUNBOOK_HOSTS: 'a:1=b:2' }).length, 1);
  });
});

describe('malformed entries', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['db:5432=', 'db:5432=', /the address "" is not host:port/],
    ['db:5432', 'db:5432', /no "=" between the name and the address/],
    ['a:1=b:2=c:3', 'a:1=b:2=c:3', /more than one "="/],
    ['db.prod.internal=127.0.0.1:5432', 'db.prod.internal=127.0.0.1:5432', /the name "db.prod.internal" is not host:port/],
    ['db:5432=127.0.0.1', 'db:5432=127.0.0.1', /the address "127.0.0.1" is not host:port/],
    ['db:postgres=127.0.0.1:5432', 'db:postgres=127.0.0.1:5432', /the port "postgres" of the name is not a number from 1 to 65535/],
    ['db:5432=127.0.0.1:70000', 'db:5432=127.0.0.1:70000', /the port "70000" of the address is not a number from 1 to 65535/],
    [':5432=127.0.0.1:5432', ':5432=127.0.0.1:5432', /the name ":5432" has no host/],
    ['db:5432=::1:5432', 'db:5432=::1:5432', /write an IPv6 address in brackets/],
  ];
  for (const [value, entry, problem] of cases) {
    it(`"${value}": names the entry, what is wrong and the expected form`, () => {
      assert.throws(
        () => parseHostMappings(`good:1=127.0.0.1:2,${value}`),
        (error: Error) => {
          assert.ok(error instanceof HostMappingError);
          assert.ok(error.message.startsWith(`RUNBOOK_HOSTS entry "${entry}": `), error.message);
          assert.match(error.message, problem);
          assert.match(error.message, /expected name:port=address:port, e\.g\. db\.prod\.internal:5432=127\.0\.0\.1:5432$/);
          return true;
        },
      );
    });
  }
});

describe('routing', () => {
  const mappings = parseHostMappings('db.prod.internal:5432=127.0.0.1:54321,db.prod.internal:5433=10.0.0.2:5432,[fd00::1]:443=localhost:8443');

  it('sends a mapped host:port to its address and port', () => {
    assert.deepEqual(routeTo(mappings, 'db.prod.internal', 5432), { host: '127.0.0.1', port: 54321 });
    assert.deepEqual(routeTo(mappings, 'db.prod.internal', 5433), { host: '10.0.0.2', port: 5432 });
    assert.deepEqual(routeTo(mappings, '[fd00::1]', 443), { host: 'localhost', port: 8443 });
  });

  it('matches names without regard to case, and the port exactly', () => {
    assert.deepEqual(routeTo(mappings, 'DB.Prod.Internal', 5432), { host: '127.0.0.1', port: 54321 });
    assert.deepEqual(routeTo(mappings, 'db.prod.internal', 6432), { host: 'db.prod.internal', port: 6432 });
  });

  it('leaves other hosts as they are', () => {
    assert.deepEqual(routeTo(mappings, 'other.internal', 5432), { host: 'other.internal', port: 5432 });
    assert.deepEqual(routeTo([], 'db.prod.internal', 5432), { host: 'db.prod.internal', port: 5432 });
  });

  it('takes the first mapping that matches', () => {
    assert.deepEqual(routeTo(parseHostMappings('a:1=127.0.0.1:2,a:1=127.0.0.1:3'), 'a', 1), { host: '127.0.0.1', port: 2 });
  });

  it('treats a part left out as any host or port, or the same one (curl --connect-to)', () => {
    assert.deepEqual(routeTo([{ port: 443, toPort: 8443 }], 'any.test', 443), { host: 'any.test', port: 8443 });
    assert.deepEqual(routeTo([{ host: 'a.test', toHost: 'b.test' }], 'a.test', 80), { host: 'b.test', port: 80 });
  });
});
