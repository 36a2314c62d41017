import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandWords, parseScript, stripPrompts, ShellSyntaxError, type Script } from '../../../src/core/shell';

const env: Record<string, string> = { NS: 'prod', FLAGS: '-o wide', EMPTY: '', '<pod>': 'web-1' };
const lookup = (name: string) => env[name];

function argv(script: Script, statement = 0, command = 0): string[] {
  return expandWords(script.statements[statement].first.commands[command].words, lookup).args;
}

test('quotes, escapes and continuations join into the words a shell would pass', () => {
  const s = parseScript(`kubectl patch configmap app-config \\\n  --patch '{"data":{"A":"true"}}' -n "$NS" a\\ b $'x\\ty'`);
  assert.deepEqual(argv(s), ['kubectl', 'patch', 'configmap', 'app-config', '--patch', '{"data":{"A":"true"}}', '-n', 'prod', 'a b', 'x\ty']);
  assert.equal(s.statements.length, 1);
});

test('unquoted variables split on whitespace, quoted ones do not; fallbacks apply', () => {
  const s = parseScript('kubectl get pods $FLAGS "$FLAGS" ${MISSING:-default} ${EMPTY:-e} $EMPTY x');
  assert.deepEqual(argv(s), ['kubectl', 'get', 'pods', '-o', 'wide', '-o wide', 'default', 'e', 'x']);
});

test('missing variables and placeholders are reported, set placeholders are filled', () => {
  const s = parseScript('kubectl logs <pod> -n <namespace> --since=$WINDOW');
  const e = expandWords(s.statements[0].first.commands[0].words, lookup);
  assert.deepEqual(e.args, ['kubectl', 'logs', 'web-1', '-n', '<namespace>', '--since=']);
  assert.deepEqual(e.placeholders, ['namespace']);
  assert.deepEqual(e.missing, ['WINDOW']);
});

test('placeholders may contain spaces; redirections are still redirections', () => {
  const s = parseScript('gcloud ssh <node name>\nkubectl get pods > pods.txt 2>&1\nkubectl apply -f - < deploy.yaml');
  assert.deepEqual(argv(s, 0), ['gcloud', 'ssh', '<node name>']);
  assert.deepEqual(s.statements[1].first.commands[0].redirects.map((r) => r.op), ['>', '2>&1']);
  assert.deepEqual(s.statements[2].first.commands[0].redirects.map((r) => r.op), ['<']);
});

test('a placeholder may offer alternatives (<statefulset|deployment>); a pipe with spaces around it is still a pipe', () => {
  const s = parseScript('kubectl -n <namespace> get pods -l name=<statefulset|deployment>\nkubectl get pods <a | wc -l');
  const e = expandWords(s.statements[0].first.commands[0].words, () => undefined);
  assert.deepEqual(e.placeholders, ['namespace', 'statefulset|deployment']);
  assert.equal(s.statements[1].first.commands.length, 2);
});

test('&&, || and ; make sequences; | makes pipelines; comments are dropped', () => {
  const s = parseScript('kubectl get pods | grep Running | wc -l # count\nkubectl scale deploy/a --replicas=7 && kubectl get pods || echo failed; echo done');
  assert.equal(s.statements.length, 3);
  assert.equal(s.statements[0].first.commands.length, 3);
  assert.deepEqual(argv(s, 0, 2), ['wc', '-l']);
  assert.deepEqual(s.statements[1].rest.map((r) => r.op), ['&&', '||']);
  assert.equal(s.statements[1].text, 'kubectl scale deploy/a --replicas=7 && kubectl get pods || echo failed');
  assert.equal(s.statements[2].line, 1);
});

test('assignments before a command and on their own are assignments', () => {
  const s = parseScript('export KUBECONFIG=/tmp/k\nNS=prod kubectl get pods\nREPLICAS=3');
  assert.deepEqual(argv(s, 0), ['export', 'KUBECONFIG=/tmp/k']);
  const prefixed = s.statements[1].first.commands[0];
  assert.deepEqual(prefixed.assignments.map((a) => a.name), ['NS']);
  assert.deepEqual(argv(s, 1), ['kubectl', 'get', 'pods']);
  assert.equal(s.statements[2].first.commands[0].words.length, 0);
  assert.deepEqual(s.statements[2].first.commands[0].assignments.map((a) => a.name), ['REPLICAS']);
});

test('here-documents are cut out of the cell; a quoted delimiter stops expansion', () => {
  const s = parseScript("kubectl apply -f - <<EOF\napiVersion: v1\nkind: ConfigMap\nEOF\ncat <<'END'\n$HOME\nEND\n");
  const apply = s.statements[0].first.commands[0].redirects[0];
  assert.equal(apply.heredoc, 'apiVersion: v1\nkind: ConfigMap\n');
  assert.equal(apply.heredocExpands, true);
  assert.equal(s.statements[1].first.commands[0].redirects[0].heredocExpands, false);
  assert.equal(s.statements.length, 2);
});

test('command substitution is kept and reported, never run', () => {
  const s = parseScript('kubectl delete pod $(kubectl get pods -o name | head -1)');
  const e = expandWords(s.statements[0].first.commands[0].words, lookup);
  assert.deepEqual(e.substitutions, ['$(kubectl get pods -o name | head -1)']);
});

test('syntax errors say what is wrong and on which line', () => {
  assert.throws(() => parseScript("echo 'open"), (e: unknown) => e instanceof ShellSyntaxError && /unterminated single quote/.test(e.message));
  assert.throws(() => parseScript('ls\nkubectl get pods |'), (e: unknown) => e instanceof ShellSyntaxError && e.line === 1);
  assert.throws(() => parseScript('(cd /tmp && ls)'), /subshell/);
});

test('prompt lines are commands and the pasted output after them is ignored', () => {
  const cell = '$ kubectl get pods\nNAME    READY\nweb-1   1/1\nuser@host:~$ kubectl get svc \\\n  -n prod\nNAME   TYPE';
  const stripped = stripPrompts(cell);
  assert.equal(stripped.hadPrompts, true);
  const s = parseScript(stripped.text);
  assert.deepEqual(s.statements.map((st) => st.text), ['kubectl get pods', 'kubectl get svc \\\n  -n prod']);
  assert.equal(s.statements[1].line, 3);
  assert.equal(stripPrompts('kubectl get pods').hadPrompts, false);
});
