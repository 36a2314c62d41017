// `kubectl get -o custom-columns=...`: expected outputs are what kubectl v1.32
// printed for these two objects (`kubectl get widgets -o custom-columns=SPEC`,
// with and without --no-headers), stdout and stderr byte for byte.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  parseCustomColumns,
  printCustomColumns,
  relaxedJsonPathExpression,
} from '../../../../src/core/tools/kubectl/printers/customColumns';
import { JsonPathError, parseJsonPath } from '../../../../src/core/tools/kubectl/printers/jsonpath';

const widgets = [
  {
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: { name: 'api-0', labels: { app: 'api', tier: 'back' } },
    spec: {
      replicas: 3,
      containers: [
        { name: 'api', image: 'api:1.4' },
        { name: 'proxy', image: 'envoy:1.29' },
      ],
      list: [1, 'two', null, true, 2.5, { k: 'v' }, [3, 4]],
    },
    status: { phase: 'Running', ratio: 0.25, big: 12345678.5, ready: true, nothing: null, conditions: [{ type: 'Ready', status: 'True' }] },
  },
  {
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: { name: 'db-0', annotations: { esc: 'a\u001bb\rc', multi: 'l1\nl2', tab: 't1\tt2' } },
    spec: { containers: [{ name: 'postgres', image: 'postgres:15.7' }] },
    status: { phase: 'Pending', conditions: [{ type: 'Ready', status: 'False' }] },
  },
];

interface Case {
  spec: string;
  stdout: string;
  /** stdout with --no-headers, when it is not just stdout without its first line */
  noHeaders?: string;
  stderr?: string;
}

const CASES: Case[] = [
  {
    spec: 'NAME:.metadata.name,PHASE:.status.phase,IMAGES:.spec.containers[*].image',
    stdout: 'NAME    PHASE     IMAGES\napi-0   Running   api:1.4,envoy:1.29\ndb-0    Pending   postgres:15.7\n',
  },
  {
    spec: 'NAME:metadata.name,REPLICAS:{.spec.replicas},FIRST:{spec.containers[0].name}',
    stdout: 'NAME    REPLICAS   FIRST\napi-0   3          api\ndb-0    <none>     postgres\n',
    noHeaders: 'api-0   3        api\ndb-0    <none>   postgres\n',
  },
  {
    spec: 'NAME:.metadata.name,READY:.status.conditions[?(@.type=="Ready")].status,LABELS:.metadata.labels',
    stdout: 'NAME    READY   LABELS\napi-0   True    map[app:api tier:back]\ndb-0    False   <none>\n',
  },
  {
    spec: 'LIST:.spec.list,RATIO:.status.ratio,BIG:.status.big,OK:.status.ready,NIL:.status.nothing',
    stdout:
      'LIST                                    RATIO    BIG              OK       NIL\n' +
      '[1 two <nil> true 2.5 map[k:v] [3 4]]   0.25     1.23456785e+07   true     <nil>\n' +
      '<none>                                  <none>   <none>           <none>   <none>\n',
  },
  {
    spec: 'name:.metadata.name,Mixed Case:.kind,:.kind,EMPTY:',
    stdout: 'name    Mixed Case            EMPTY\napi-0   Widget       Widget   <none>\ndb-0    Widget       Widget   <none>\n',
    noHeaders: 'api-0   Widget   Widget   <none>\ndb-0    Widget   Widget   <none>\n',
  },
  {
    spec: 'NAME:.metadata.name,ESC:.metadata.annotations.esc,MULTI:.metadata.annotations.multi,TAB:.metadata.annotations.tab,PHASE:.status.phase',
    stdout:
      'NAME    ESC       MULTI    TAB      PHASE\n' +
      'api-0   <none>    <none>   <none>   Running\n' +
      'db-0    a^[b\\rc   l1\nl2      t1        t2       Pending\n',
  },
  {
    spec: 'A:a:b,B:$.kind',
    stdout: 'A        B\n<none>   <none>\n<none>   <none>\n',
  },
  {
    spec: 'NAME:.metadata.name,C1:.spec.containers[1].name',
    stdout: 'NAME    C1\napi-0   proxy\n',
    noHeaders: 'api-0   proxy\n',
    stderr: 'error: array index out of bounds: index 1, length 1\n',
  },
  {
    spec: 'NAME:.metadata.name,BAD:.spec.containers[*',
    stdout: 'NAME   BAD\n',
    noHeaders: '',
    stderr: 'error: unterminated array\n',
  },
];

function run(spec: string, noHeaders: boolean): { stdout: string; stderr: string } {
  try {
    return { stdout: printCustomColumns(parseCustomColumns(spec), widgets, { noHeaders }), stderr: '' };
  } catch (e) {
    assert.ok(e instanceof JsonPathError, String(e));
    return { stdout: e.stdout, stderr: e.stderr };
  }
}

describe('printCustomColumns: what kubectl prints', () => {
  for (const c of CASES) {
    it(c.spec, () => {
      assert.deepEqual(run(c.spec, false), { stdout: c.stdout, stderr: c.stderr ?? '' });
      const noHeaders = c.noHeaders ?? c.stdout.slice(c.stdout.indexOf('\n') + 1);
      assert.deepEqual(run(c.spec, true), { stdout: noHeaders, stderr: c.stderr ?? '' });
    });
  }

  it('prints only the header for no objects', () => {
    assert.equal(printCustomColumns(parseCustomColumns('NAME:.metadata.name,STATUS:.status.phase'), []), 'NAME   STATUS\n');
    assert.equal(printCustomColumns(parseCustomColumns('NAME:.metadata.name'), [], { noHeaders: true }), '');
  });

  it('accepts already parsed templates', () => {
    const columns = [{ header: 'IMAGE', path: parseJsonPath('{.spec.containers[0].image}') }];
    assert.equal(printCustomColumns(columns, widgets), 'IMAGE\napi:1.4\npostgres:15.7\n');
  });

  it('keeps rows aligned when a map value holds a trailing newline, as Go’s tabwriter does', () => {
    const objects = [{ metadata: { name: 'a', annotations: { cfg: '{"x":1}\n' } } }, { metadata: { name: 'bbbbbbbb' } }];
    const out = printCustomColumns(parseCustomColumns('NAME:.metadata.name,ANN:.metadata.annotations'), objects);
    assert.equal(out, 'NAME   ANN\na      map[cfg:{"x":1}\n]\nbbbbbbbb   <none>\n');
  });
});

describe('parseCustomColumns: kubectl errors', () => {
  const refused: [string, string][] = [
    ['NAME', 'error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>'],
    ['NAME:.metadata.name,', 'error: unexpected custom-columns spec: , expected <header>:<json-path-expr>'],
    ['A:{.a}{.b}', "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'"],
    ['', 'error: custom-columns format specified but no custom columns given'],
  ];
  for (const [spec, message] of refused) {
    it(spec || '(empty)', () => {
      assert.throws(
        () => parseCustomColumns(spec),
        (e: unknown) => e instanceof JsonPathError && e.message === message && e.stderr === `${message}\n`,
      );
    });
  }

  it('keeps headers as written and splits each column at its first colon', () => {
    assert.deepEqual(parseCustomColumns('Name:.metadata.name,Node:spec.nodeName,T:{.metadata.annotations.a:b}'), [
      { header: 'Name', path: '{.metadata.name}' },
      { header: 'Node', path: '{.spec.nodeName}' },
      { header: 'T', path: '{.metadata.annotations.a:b}' },
    ]);
  });
});

describe('relaxedJsonPathExpression', () => {
  for (const [input, expected] of [
    ['metadata.name', '{.metadata.name}'],
    ['.metadata.name', '{.metadata.name}'],
    ['{metadata.name}', '{.metadata.name}'],
    ['{.metadata.name}', '{.metadata.name}'],
    ['', ''],
  ]) {
    it(input || '(empty)', () => assert.equal(relaxedJsonPathExpression(input), expected));
  }
});
