// Go templates as kubectl runs them (`-o go-template=...`). Expected outputs
// are what kubectl v1.32 prints for the same object (`kubectl label --local
// -f - app=web --overwrite -o go-template=...`); the parity block at the end
// re-checks every case against the kubectl on PATH, if any.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { GoTemplateError, goTemplatePrinter, templateRequest, templateSource } from '../../../../../src/core/tools/kubectl/printers/goTemplate';

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'default', labels: { app: 'web', tier: 'front' }, annotations: { note: '<a&b>' } },
  data: { password: 'c2FuZGJveA==', broken: 'c2FuZGJve' },
  spec: {
    nodeName: 'node-a',
    replicas: 3,
    ratio: 0.5,
    big: 1234567.5,
    nothing: null,
    empty: [],
    flag: true,
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
  },
};

/** Template, and what kubectl prints for `pod`. */
const PRINTS: [string, string][] = [
  ["{{.metadata.name}}", "web-1"],
  ["{{.data.password | base64decode}}", "sandbox"],
  ["{{range .spec.containers}}{{.name}}{{\"\\n\"}}{{end}}", "nginx\nside\n"],
  ["{{range $i, $c := .spec.containers}}{{if $i}},{{end}}{{$c.name}}{{end}}", "nginx,side"],
  ["{{range $k, $v := .metadata.labels}}{{$k}}={{$v}};{{end}}", "app=web;tier=front;"],
  ["{{range .spec.empty}}x{{else}}none{{end}}", "none"],
  ["{{.metadata.labels}}", "map[app:web tier:front]"],
  ["{{.spec.containers}}", "[map[image:nginx:1.25 name:nginx ports:[map[containerPort:80] map[containerPort:443]]] map[image:busybox name:side]]"],
  ["{{.spec}}", "map[big:1.2345675e+06 containers:[map[image:nginx:1.25 name:nginx ports:[map[containerPort:80] map[containerPort:443]]] map[image:busybox name:side]] empty:[] flag:true nodeName:node-a nothing:<nil> ratio:0.5 replicas:3]"],
  ["{{.nope}} {{.metadata.nope.deeper}} {{.spec.nothing}}", "<no value> <no value> <no value>"],
  ["{{index .spec.containers 1 \"image\"}}", "busybox"],
  ["{{index .metadata.labels \"tier\"}} {{index .metadata.labels \"zz\"}}", "front <no value>"],
  ["{{(index .spec.containers 0).ports}}", "[map[containerPort:80] map[containerPort:443]]"],
  ["{{printf \"%s has %d replicas\" .metadata.name .spec.replicas}}", "web-1 has 3 replicas"],
  ["{{printf \"%T %T %T %T %T\" .spec.replicas .spec.ratio .kind .spec.flag 1}}", "int64 float64 string bool int"],
  ["{{printf \"%v|%5.2f|%-6s|%06d|%x|%q|%e\" .spec.big .spec.ratio .kind .spec.replicas 255 .kind .spec.big}}", "1.2345675e+06| 0.50|Pod   |000003|ff|\"Pod\"|1.234568e+06"],
  ["{{printf \"%.0f %.0f %g %G\" 2.5 3.5 0.000001 1e21}}", "2 4 1e-06 1E+21"],
  ["{{printf \"%d %s\" .kind .spec.replicas}}", "%!d(string=Pod) %!s(int64=3)"],
  ["{{printf \"%d\"}}{{printf \"%d\" 1 2}}", "%!d(MISSING)1%!(EXTRA int=2)"],
  ["{{printf \"%v %s\" .metadata.labels .spec.containers}}", "map[app:web tier:front] [map[image:nginx:1.25 name:nginx ports:[map[containerPort:%!s(int64=80)] map[containerPort:%!s(int64=443)]]] map[image:busybox name:side]]"],
  ["{{if eq .status.phase \"Running\" \"Pending\"}}up{{else}}down{{end}}", "up"],
  ["{{if gt .spec.replicas 2}}many{{end}} {{lt .spec.ratio 1.0}} {{ne .kind \"Pod\"}} {{le 2 2}} {{ge .kind \"Q\"}}", "many true false true false"],
  ["{{if .spec.flag}}a{{else if .nope}}b{{else}}c{{end}}", "a"],
  ["{{with .metadata}}{{.namespace}}/{{.name}}{{end}} {{with .nope}}x{{else}}none{{end}}", "default/web-1 none"],
  ["{{not .spec.flag}} {{and .spec.flag .kind}} {{or .nope 0 \"x\"}} {{and .nope .nope.x}}", "false Pod x <no value>"],
  ["{{len .spec.containers}} {{len .kind}} {{len .metadata.labels}}", "2 3 2"],
  ["{{slice .kind 1 3}} {{slice .spec.containers 1}}", "od [map[image:busybox name:side]]"],
  ["{{print 1 2 \"a\" \"b\" 3}}|{{println .kind 1}}", "1 2ab3|Pod 1\n"],
  ["{{html .metadata.annotations.note}} {{js \"a'\\\"<=\"}} {{urlquery \"a b&c\"}}", "&lt;a&amp;b&gt; a\\'\\\"\\u003C\\u003D a+b%26c"],
  ["{{exists . \"metadata\" \"name\"}} {{exists .spec \"containers\" 5}} {{exists .spec \"nothing\"}}", "true false false"],
  ["{{$x := .kind}}{{$x}} {{$x = \"changed\"}}{{$x}}", "Pod changed"],
  ["{{range .spec.containers}}{{$.metadata.name}}:{{.name}} {{end}}", "web-1:nginx web-1:side "],
  ["{{- range .spec.containers }}\n  {{ .name -}}\n{{ end }}", "\n  nginx\n  side"],
  ["a {{- /* note */ -}} b", "ab"],
  ["{{range .spec.containers}}{{if eq .name \"side\"}}{{break}}{{end}}{{.name}}{{end}} {{range .spec.containers}}{{if eq .name \"nginx\"}}{{continue}}{{end}}{{.name}}{{end}}", "nginx side"],
  ["{{define \"row\"}}[{{.name}}]{{end}}{{range .spec.containers}}{{template \"row\" .}}{{end}}", "[nginx][side]"],
  ["{{block \"b\" .kind}}<{{.}}>{{end}}", "<Pod>"],
  ["{{1.5}} {{0x1F}} {{'a'}} {{-3}} {{`raw\\n`}} {{\"\\u00e9\"}}", "1.5 31 97 -3 raw\\n é"],
];

/** Templates kubectl cannot parse, and its error. */
const PARSE_ERRORS: [string, string][] = [
  ["{{.metadata.labels", "error: error parsing template {{.metadata.labels, template: output:1: unclosed action\n"],
  ["{{.kind}", "error: error parsing template {{.kind}, template: output:1: bad character U+007D '}'\n"],
  ["{{nope .kind}}", "error: error parsing template {{nope .kind}}, template: output:1: function \"nope\" not defined\n"],
  ["{{end}}", "error: error parsing template {{end}}, template: output:1: unexpected {{end}}\n"],
  ["{{if .kind}}x", "error: error parsing template {{if .kind}}x, template: output:1: unexpected EOF\n"],
  ["{{$undeclared}}", "error: error parsing template {{$undeclared}}, template: output:1: undefined variable \"$undeclared\"\n"],
  ["{{\"open}}", "error: error parsing template {{\"open}}, template: output:1: unterminated quoted string\n"],
  ["{{.kind | 3}}", "error: error parsing template {{.kind | 3}}, template: output:1: non executable command in pipeline stage 2\n"],
  ["{{99999999999999999999}}", "error: error parsing template {{99999999999999999999}}, template: output:1: integer overflow: \"99999999999999999999\"\n"],
];

/** Templates that fail while running, and kubectl's error (it also prints what it wrote so far and debugging text). */
const EXEC_ERRORS: [string, string][] = [
  ["{{.kind}} {{.spec.replicas.foo}}", "error: error executing template \"{{.kind}} {{.spec.replicas.foo}}\": template: output:1:17: executing \"output\" at <.spec.replicas.foo>: can't evaluate field foo in type interface {}\n"],
  ["line one\n  {{.metadata.name.x}}", "error: error executing template \"line one\\n  {{.metadata.name.x}}\": template: output:2:13: executing \"output\" at <.metadata.name.x>: can't evaluate field x in type interface {}\n"],
  ["{{index .spec.containers 5}}", "error: error executing template \"{{index .spec.containers 5}}\": template: output:1:2: executing \"output\" at <index .spec.containers 5>: error calling index: index out of range: 5\n"],
  ["{{index .metadata.labels 3}}", "error: error executing template \"{{index .metadata.labels 3}}\": template: output:1:2: executing \"output\" at <index .metadata.labels 3>: error calling index: value has type int; should be string\n"],
  ["{{eq .spec.replicas \"3\"}}", "error: error executing template \"{{eq .spec.replicas \\\"3\\\"}}\": template: output:1:2: executing \"output\" at <eq .spec.replicas \"3\">: error calling eq: incompatible types for comparison\n"],
  ["{{len .nope}}", "error: error executing template \"{{len .nope}}\": template: output:1:2: executing \"output\" at <len .nope>: error calling len: reflect: call of reflect.Value.Type on zero Value\n"],
  ["{{.data.broken | base64decode}}", "error: error executing template \"{{.data.broken | base64decode}}\": template: output:1:17: executing \"output\" at <base64decode>: error calling base64decode: base64 decode failed: illegal base64 data at input byte 8\n"],
  ["{{base64decode .spec.replicas}}", "error: error executing template \"{{base64decode .spec.replicas}}\": template: output:1:20: executing \"output\" at <.spec.replicas>: wrong type for value; expected string; got int64\n"],
  ["{{range .kind}}{{end}}", "error: error executing template \"{{range .kind}}{{end}}\": template: output:1:8: executing \"output\" at <.kind>: range can't iterate over Pod\n"],
  ["{{call .kind}}", "error: error executing template \"{{call .kind}}\": template: output:1:2: executing \"output\" at <call .kind>: error calling call: non-function .kind of type string\n"],
  ["{{template \"missing\"}}", "error: error executing template \"{{template \\\"missing\\\"}}\": template: output:1:11: executing \"output\" at <{{template \"missing\"}}>: template \"missing\" not defined\n"],
  ["{{.kind .kind}}", "error: error executing template \"{{.kind .kind}}\": template: output:1:2: executing \"output\" at <.kind>: kind is not a method but has arguments\n"],
  ["{{printf 3}}", "error: error executing template \"{{printf 3}}\": template: output:1:9: executing \"output\" at <3>: expected string; found 3\n"],
];

function run(template: string, object: unknown = pod, allowMissingKeys = true): { stdout: string; stderr: string } {
  try {
    return { stdout: goTemplatePrinter(template, { allowMissingKeys }).print(object), stderr: '' };
  } catch (e) {
    if (!(e instanceof GoTemplateError)) throw e;
    return { stdout: e.stdout, stderr: e.stderr };
  }
}

describe('go-template printer', () => {
  it('prints what kubectl prints', () => {
    for (const [template, expected] of PRINTS) assert.deepEqual(run(template), { stdout: expected, stderr: '' }, template);
  });

  it('fails to parse as kubectl does, printing nothing', () => {
    for (const [template, expected] of PARSE_ERRORS) assert.deepEqual(run(template), { stdout: '', stderr: expected }, template);
  });

  it('fails while running as kubectl does: the output so far, then its debugging text', () => {
    for (const [template, expected] of EXEC_ERRORS) {
      const { stdout, stderr } = run(template);
      assert.equal(stderr, expected, template);
      const reason = expected.slice(expected.indexOf(': template: ') + 2, -1);
      assert.ok(stdout.includes(`Error executing template: ${reason}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${template}\n`), template);
    }
    const { stdout } = run('{{.kind}} {{.spec.replicas.foo}}');
    assert.ok(stdout.startsWith('Pod Error executing template: '), 'what the template wrote before failing comes first');
    assert.ok(stdout.includes('\traw data was:\n\t\t{"apiVersion":"v1","data":{"broken":"c2FuZGJve",'), 'the object as compact JSON, keys sorted');
    assert.ok(stdout.endsWith('status:map[conditions:[map[status:True type:Ready] map[status:False type:PodScheduled]] phase:Running]]\n\n'), 'the object as Go prints a map');
  });

  it('with --allow-missing-template-keys=false, a missing key is an error', () => {
    assert.equal(run('{{.metadata.name}}', pod, false).stdout, 'web-1');
    assert.equal(
      run('{{.nope}}', pod, false).stderr,
      'error: error executing template "{{.nope}}": template: output:1:2: executing "output" at <.nope>: map has no entry for key "nope"\n',
    );
  });

  it('runs once over a List', () => {
    const list = { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: [pod, { ...pod, metadata: { name: 'web-2' } }] };
    assert.equal(run('{{len .items}}:{{range .items}} {{.metadata.name}}{{end}}', list).stdout, '2: web-1 web-2');
  });
});

describe('template flags', () => {
  const request = (output: string | undefined, template?: string, templateAlone = true) => templateRequest({ output, template, templateAlone });

  it('finds the template in -o FORMAT=T, or in --template', () => {
    assert.deepEqual(request('go-template={{.a}}'), { inline: '{{.a}}' });
    assert.deepEqual(request('template={{.a}}'), { inline: '{{.a}}' });
    assert.deepEqual(request('go-template-file=t.tmpl'), { file: 't.tmpl' });
    assert.deepEqual(request('templatefile=t.tmpl'), { file: 't.tmpl' });
    assert.deepEqual(request('go-template', '{{.b}}'), { inline: '{{.b}}' });
    assert.deepEqual(request('go-template-file', 't.tmpl'), { file: 't.tmpl' });
  });

  it('takes --template alone as -o go-template where kubectl does', () => {
    assert.deepEqual(request(undefined, '{{.b}}'), { inline: '{{.b}}' });
    assert.equal(request(undefined, '{{.b}}', false), undefined);
  });

  it('leaves other formats to other printers', () => {
    for (const output of [undefined, 'json', 'yaml', 'wide', 'name', 'jsonpath={.a}', 'go-templates={{.a}}']) assert.equal(request(output), undefined, output);
    // With --template, -o FORMAT=T is no format kubectl knows.
    assert.equal(request('go-template={{.a}}', '{{.b}}'), undefined);
  });

  it('fails as kubectl does without a template, or with a file it cannot read', () => {
    assert.throws(() => request('go-template'), { stderr: 'error: template format specified but no template given\n' });
    assert.throws(() => request('go-template-file='), { stderr: 'error: template format specified but no template given\n' });
    const dir = mkdtempSync(join(tmpdir(), 'go-template-'));
    writeFileSync(join(dir, 'names.tmpl'), '{{.metadata.name}}\n');
    assert.equal(templateSource({ file: 'names.tmpl' }, dir), '{{.metadata.name}}\n');
    assert.throws(() => templateSource({ file: 'missing.tmpl' }, dir), { stderr: 'error: error reading --template missing.tmpl, open missing.tmpl: no such file or directory\n' });
    rmSync(dir, { recursive: true, force: true });
  });
});

// Parity with the real kubectl, when one is installed: `label --local` prints
// a local object through kubectl's own go-template printer without any server.
function kubectlSkipReason(): string | undefined {
  const probe = spawnSync('kubectl', ['label', '--local', '-f', '-', 'app=web', '--overwrite', '-o', 'go-template={{.kind}}'], {
    input: JSON.stringify(pod),
    encoding: 'utf8',
    env: { ...process.env, KUBECONFIG: '/dev/null' },
    timeout: 20_000,
  });
  if (probe.error) return `kubectl is not on PATH (${probe.error.message})`;
  if (probe.status !== 0 || probe.stdout !== 'Pod') return `this kubectl cannot print local objects: ${probe.stderr.trim()}`;
  return undefined;
}

function realKubectl(template: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const args = ['label', '--local', '-f', '-', 'app=web', '--overwrite', '-o', `go-template=${template}`];
    const child = execFile('kubectl', args, { env: { ...process.env, KUBECONFIG: '/dev/null' }, timeout: 60_000 }, (err, stdout, stderr) => {
      if (err?.killed) reject(new Error(`kubectl timed out on ${template}`));
      else resolve({ stdout, stderr });
    });
    child.stdin?.end(JSON.stringify(pod));
  });
}

describe('parity with the kubectl on PATH', { skip: kubectlSkipReason() }, () => {
  it('prints and fails byte for byte as kubectl does', async () => {
    for (const [template] of [...PRINTS, ...PARSE_ERRORS, ...EXEC_ERRORS]) {
      assert.deepEqual(run(template), await realKubectl(template), template);
    }
  });
});
