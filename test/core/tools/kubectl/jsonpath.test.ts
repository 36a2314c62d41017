// kubectl's JSONPath templates: expected outputs are what kubectl v1.32 prints
// for the same object (`kubectl label --local -f - app=web --overwrite -o jsonpath=...`).
// The parity block at the end re-checks them against the kubectl on PATH, if any.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { JsonPathError, kubectlList, parseJsonPath, printJsonPath } from '../../../../src/core/tools/kubectl/printers/jsonpath';

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'default', labels: { app: 'web' }, annotations: { note: '<a&b>', multi: 'line1\nline2' } },
  spec: {
    nodeName: 'node-a',
    containers: [
      { name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }, { containerPort: 443 }] },
      { name: 'side', image: 'busybox' },
    ],
  },
  status: {
    phase: 'Running',
    conditions: [
      { type: 'Ready', status: 'True' },
      { type: 'PodScheduled', status: 'False' },
    ],
    containerStatuses: [
      { name: 'nginx', restartCount: 2, ready: true },
      { name: 'side', restartCount: 0, ready: false },
    ],
    ratio: 0.5,
    big: 1234567.5,
    tiny: 0.000001,
    nothing: null,
    empty: [],
  },
};

const small = { apiVersion: 'v1', kind: 'Pod', metadata: { labels: { app: 'web' }, name: 'p' }, spec: { n: [1, 2], s: 'x', f: 1.5 } };
const SMALL_DUMP =
  'map[string]interface {}{"apiVersion":"v1", "kind":"Pod", "metadata":map[string]interface {}{"labels":map[string]interface {}{"app":"web"}, "name":"p"}, ' +
  '"spec":map[string]interface {}{"f":1.5, "n":[]interface {}{1, 2}, "s":"x"}}';

/** [template, what kubectl prints for `pod`] */
const OUTPUTS: [string, string][] = [
  ['{.metadata.name}', 'web-1'],
  ['{.spec.containers[*].name}', 'nginx side'],
  ['{.spec.containers[0].image}{"\\n"}', 'nginx:1.25\n'],
  ['{.spec.containers[-1].name}', 'side'],
  ['{.spec.containers[-1:].name}', 'side'],
  ['{.spec.containers[:1].name}', 'nginx'],
  ['{.spec.containers[1:].name}', 'side'],
  ['{.spec.containers[0:2:2].name}', 'nginx'],
  ['{.spec.containers[*].ports[*].containerPort}', '80 443'],
  ["{.spec.containers[*]['name','image']}", 'nginx side nginx:1.25 busybox'],
  ['{.spec.containers[0,1].name}', 'nginx side'],
  ["{['metadata']['name']}", 'web-1'],
  ["{.metadata['labels']}", '{"app":"web"}'],
  ['{.metadata.annotations}', '{"multi":"line1\\nline2","note":"\\u003ca\\u0026b\\u003e"}'],
  ['{.spec.containers[0]}', '{"image":"nginx:1.25","name":"nginx","ports":[{"containerPort":80},{"containerPort":443}]}'],
  ['{.status.empty}', '[]'],
  [
    '{.status.ratio} {.status.big} {.status.tiny} {.status.nothing} {.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].ready}',
    '0.5 1.2345675e+06 1e-06 null 2 true',
  ],
  ['{..containerPort}', '80 443'],
  ['{.spec..image}', 'nginx:1.25 busybox'],
  ['{$.kind}/{@.metadata.name}', 'Pod/web-1'],
  ['{range .spec.containers[*]}{.name}{"\\t"}{.image}{"\\n"}{end}', 'nginx\tnginx:1.25\nside\tbusybox\n'],
  ['{range .spec.containers[*]}[{.name}:{range .ports[*]}{.containerPort},{end}]{end}', '[nginx:80,443,][side:]'],
  ['{range .spec.containers[*]}{.name}', 'nginxside'],
  ['{range .missing[*]}{.x}{end}after', 'after'],
  ['{.status.conditions[?(@.type=="Ready")].status}', 'True'],
  ["{.status.conditions[?(@.status!='True')].type}", 'PodScheduled'],
  ['{.status.containerStatuses[?(@.restartCount>1)].name}', 'nginx'],
  ['{.status.containerStatuses[?(@.restartCount>=0)].name}', 'nginx side'],
  ['{.status.containerStatuses[?(@.restartCount<1)].name}', 'side'],
  ['{.status.containerStatuses[?(@.restartCount<=2)].name}', 'nginx side'],
  ['{.spec.containers[?(@.ports)].name}', 'nginx'],
  ['{.status.containerStatuses[?(@.ready==true)].name}', 'nginx'],
  ['{.spec.containers[?(@.name<"o")].name}', 'nginx'],
  ['{"a\\tb\\n"}{\'c\'}{"\\u00e9\\x41"}', 'a\tb\ncéA'],
  ['Name: {.metadata.name} on {.spec.nodeName}', 'Name: web-1 on node-a'],
  ['.metadata.name', '.metadata.name'],
  ['{.missing}{.metadata.missing.deeper}{.spec.containers[*].missing}x', 'x'],
  ['{.metadata.name.x}{.status.nothing.x}{.status.nothing[0]}y', 'y'],
  ['{.kind.*}', '80 111 100'],
  ['{1}{2.5}{true}{-3}', '12.5true-3'],
  ['{.}', ''],
  ['{.kind}}', 'Pod}'],
];

/** [template, kubectl's reason] for execution errors on `small`. */
const RUNTIME_ERRORS: [string, string][] = [
  ['{.spec.n[5]}', 'array index out of bounds: index 5, length 2'],
  ['{.spec.n[0:5]}', 'array index out of bounds: index 4, length 2'],
  ['{.spec.n[-3]}', 'array index out of bounds: index -1, length 2'],
  ['{.spec.n[1:0]}', 'starting index 1 is greater than ending index 0'],
  ['{.spec.n[::0]}', 'step must be > 0'],
  ['{.spec.s[0]}', 'string is not array or slice'],
  ['{.metadata[?(@.x)]}', 'map[labels:map[app:web] name:p] is not array or slice and cannot be filtered'],
  ['{.spec.n[?(@==1.5)]}', 'incompatible types for comparison'],
  ['{.spec.n[?(@=="1")]}', 'incompatible types for comparison'],
  ['{.spec[?(@.x)]}', 'map[f:1.5 n:[1 2] s:x] is not array or slice and cannot be filtered'],
  ['{end}', 'not in range, nothing to end'],
  ['{foo}', 'unrecognized identifier foo'],
  ['{.spec.n[?(@=1)]}', 'unrecognized filter operator ='],
];

/** [template, kubectl's reason] for templates kubectl refuses to parse. */
const PARSE_ERRORS: [string, string][] = [
  ['{.items[*}', 'unterminated array'],
  ['{.a', 'unclosed action'],
  ['{.spec.n[?(@==1)}', 'unclosed array expect ]'],
  ['{.spec.n[a]}', 'invalid array index a'],
  ['{.spec.n[ 0 ]}', 'invalid array index  0 '],
  ['{"\\z"}', 'unquote string "\\z" error invalid syntax'],
  ['{"open}', 'unterminated quoted string'],
  ['a{{.kind}}', "unrecognized character in action: U+007B '{'"],
  ['{.kind,.apiVersion}', "unrecognized character in action: U+002C ','"],
  ['{.n[?(@.a=~"x")]}', "unrecognized character in action: U+007E '~'"],
  ['{....name}', 'invalid multiple recursive descent'],
  ['{1.2.3}', 'cannot parse number 1.2.3'],
  ['{.spec.n[-]}', 'array index - is not a number'],
  ['{.a\tb}', 'unrecognized character in action: U+0009'],
];

function thrown(fn: () => unknown): JsonPathError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof JsonPathError, `expected a JsonPathError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a JsonPathError');
}

describe('printJsonPath: what kubectl prints', () => {
  for (const [template, expected] of OUTPUTS) {
    it(template, () => assert.equal(printJsonPath(template, pod), expected));
  }
});

describe('printJsonPath: execution errors', () => {
  for (const [template, reason] of RUNTIME_ERRORS) {
    it(template, () => {
      const e = thrown(() => printJsonPath(template, small));
      assert.equal(e.reason, reason);
      assert.ok(e.message.startsWith(`error: error executing jsonpath "${template.replaceAll('"', '\\"')}": Error executing template: ${reason}.`));
    });
  }

  it('prints the whole debugging text as kubectl does, ending in three newlines', () => {
    const e = thrown(() => printJsonPath('{.spec.n[5]}', small));
    assert.equal(
      e.stderr,
      'error: error executing jsonpath "{.spec.n[5]}": Error executing template: array index out of bounds: index 5, length 2. ' +
        'Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.spec.n[5]}\n' +
        `\tobject given to jsonpath engine was:\n\t\t${SMALL_DUMP}\n\n\n`,
    );
    assert.equal(e.stdout, '');
  });

  it('dumps an empty list the way kubectl does for `get` with no items', () => {
    const e = thrown(() => printJsonPath('{.items[0].metadata.name}', []));
    assert.equal(e.reason, 'array index out of bounds: index 0, length 0');
    assert.ok(e.stderr.includes('\t\tmap[string]interface {}{"apiVersion":"v1", "items":[]interface {}{}, "kind":"List", "metadata":map[string]interface {}{"resourceVersion":""}}\n\n\n'));
  });

  it('quotes escapes in the template as Go %q does, and Go-quotes strings in the dump', () => {
    const e = thrown(() => printJsonPath('{.s}{"\\"q\\""}{.n[9]}', { s: 'a\u001bb\u00a0é', n: [] }));
    assert.ok(e.message.startsWith('error: error executing jsonpath "{.s}{\\"\\\\\\"q\\\\\\"\\"}{.n[9]}": '));
    assert.ok(e.stderr.includes('map[string]interface {}{"n":[]interface {}{}, "s":"a\\x1bb\\u00a0é"}'));
  });
});

describe('parseJsonPath: syntax errors in kubectl words', () => {
  for (const [template, reason] of PARSE_ERRORS) {
    it(template, () => {
      const e = thrown(() => parseJsonPath(template));
      assert.equal(e.message, `error: error parsing jsonpath ${template}, ${reason}`);
      assert.equal(e.stderr, `${e.message}\n`);
    });
  }

  it('an empty -o jsonpath= template is refused', () => {
    assert.equal(thrown(() => printJsonPath('', pod)).message, 'error: template format specified but no template given');
  });
});

describe('JsonPathTemplate', () => {
  it('gives a List of items to the template for a list of objects', () => {
    const items = [pod, { ...pod, metadata: { ...pod.metadata, name: 'web-2' } }];
    assert.equal(printJsonPath('{.items[*].metadata.name}', items), 'web-1 web-2');
    assert.equal(printJsonPath('{.kind} {.apiVersion} {.metadata}', kubectlList(items)), 'List v1 {"resourceVersion":""}');
    assert.equal(printJsonPath('{.items}', []), '[]');
  });

  it('reports missing keys only when missing keys are not allowed', () => {
    const template = parseJsonPath('{.metadata.nope}');
    assert.equal(template.execute(pod), '');
    assert.equal(thrown(() => template.execute(pod, { allowMissingKeys: false })).reason, 'nope is not found');
  });

  it('keeps each action’s results apart for custom-columns', () => {
    assert.deepEqual(parseJsonPath('{.spec.containers[*].name}').findResults(pod), [['nginx', 'side']]);
    assert.deepEqual(parseJsonPath('{range .spec.containers[*]}{.name}{end}').findResults(pod), [['nginx'], ['side']]);
  });

  it('recursive descent visits every value that has contents, parents first', () => {
    assert.equal(printJsonPath('{..}', { a: ['x', { b: 'yz' }], c: 3, d: '' }), '{"a":["x",{"b":"yz"}],"c":3,"d":""} ["x",{"b":"yz"}] x {"b":"yz"} yz');
  });

  it('prints jsonpath-as-json: each action as an indented JSON array', () => {
    const out = printJsonPath('{.spec.containers[1]}{.missing}{.kind}', pod, { outputJson: true });
    assert.equal(out, '[\n    {\n        "image": "busybox",\n        "name": "side"\n    }\n]\n[]\n[\n    "Pod"\n]\n');
  });

  it('prints floats and big numbers as Go does', () => {
    assert.equal(printJsonPath('{.a} {.b} {.c} {.d}', { a: 123456.5, b: 0.00001, c: 1.5e20, d: -0.25 }), '123456.5 1e-05 1.5e+20 -0.25');
    assert.equal(printJsonPath('{$}', { d: 1e-7, e: 1.5e20, u: '\u2028' }), '{"d":1e-7,"e":150000000000000000000,"u":"\\u2028"}');
  });
});

// Parity with the real kubectl, when one is installed: `label --local` prints
// a local object through kubectl's own jsonpath printer without any server.
function kubectlSkipReason(): string | undefined {
  const probe = spawnSync('kubectl', ['label', '--local', '-f', '-', 'app=web', '--overwrite', '-o', 'jsonpath={.kind}'], {
    input: JSON.stringify(small),
    encoding: 'utf8',
    env: { ...process.env, KUBECONFIG: '/dev/null' },
    timeout: 20_000,
  });
  if (probe.error) return `kubectl is not on PATH (${probe.error.message})`;
  if (probe.status !== 0 || probe.stdout !== 'Pod') return `this kubectl cannot print local objects: ${probe.stderr.trim()}`;
  return undefined;
}

function realKubectl(template: string, object: unknown): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const args = ['label', '--local', '-f', '-', 'app=web', '--overwrite', '-o', `jsonpath=${template}`];
    const child = execFile('kubectl', args, { env: { ...process.env, KUBECONFIG: '/dev/null' }, timeout: 60_000 }, (err, stdout, stderr) => {
      if (err?.killed) reject(new Error(`kubectl timed out on ${template}`));
      else resolve({ stdout, stderr });
    });
    child.stdin?.end(JSON.stringify(object));
  });
}

/** Runs the cases a few at a time: dozens of kubectl processes at once starve each other. */
async function inPool<T, R>(items: T[], width: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await run(items[i]);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}

describe('parity with the real kubectl', () => {
  const skip = kubectlSkipReason();
  it('prints the same bytes for every case above', { skip: skip ?? false, timeout: 300_000 }, async () => {
    const cases: [string, unknown][] = [
      ...OUTPUTS.map(([t]) => [t, pod] as [string, unknown]),
      ...RUNTIME_ERRORS.map(([t]) => [t, small] as [string, unknown]),
      ...PARSE_ERRORS.map(([t]) => [t, small] as [string, unknown]),
    ];
    const real = await inPool(cases, 4, ([t, o]) => realKubectl(t, o));
    cases.forEach(([template, object], i) => {
      let ours: { stdout: string; stderr: string };
      try {
        ours = { stdout: printJsonPath(template, object), stderr: '' };
      } catch (e) {
        ours = { stdout: '', stderr: (e as JsonPathError).stderr };
      }
      assert.deepEqual(ours, real[i], `template ${template}`);
    });
  });
});
