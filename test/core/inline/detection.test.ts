// Finding code spans in Markdown with their lines, and telling commands from prose.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findCodeSpans, findInlineCommands, isInlineCommand, PROGRAMS_WE_RUN } from '../../../src/core/inline';
import { classifyProgram } from '../../../src/core/engine/program';
import { BUILTINS } from '../../../src/core/engine/builtins';
import { FILTERS } from '../../../src/core/pipeline';
import { createRegistry } from '../../../src/core/tools';

describe('code spans', () => {
  it('gives each span the line it starts on: paragraphs, wrapped lines, headings, quotes, lists, tables', () => {
    const text = '# Check `kubectl get pods`\n\nFirst `a` then\nthe next line `b c` and `d\ne`\n\n> - quoted\n>   item `f`\n\n| cmd | why |\n|---|---|\n| `g` | x |\n| y | `h` |\n';
    assert.deepEqual(findCodeSpans(text), [
      { line: 0, text: 'kubectl get pods' },
      { line: 2, text: 'a' },
      { line: 3, text: 'b c' },
      { line: 3, text: 'd e' },
      { line: 7, text: 'f' },
      { line: 11, text: 'g' },
      { line: 12, text: 'h' },
    ]);
  });

  it('finds none in fences, indented code or unclosed backticks', () => {
    assert.deepEqual(findCodeSpans('```\n`kubectl get pods`\n```\n\n    `x y`\n\nan `unclosed span\n'), []);
  });
});

describe('a span is a command', () => {
  for (const span of ['kubectl logs', 'oc logs', 'kubectl -n <namespace> describe pod <pod>', 'kubectl -n $NAMESPACE describe pod $POD', 'kubectl logs -f web-1', 'kubectl exec -it web-1 -- sh', 'kubectl port-forward svc/web 8080:80', 'psql < roles.sql', 'redis-cli INFO memory', 'aws s3 ls', 'curl -sI https://example.com', 'helm list -A', 'kubectl get pods | grep Crash', '/opt/gitlab/embedded/bin/redis-cli config get dir', ' kubectl get pods ']) {
    it(`when it reads as one: ${span}`, () => assert.equal(isInlineCommand(span), true));
  }
  for (const span of ['kubectl', 'oc', '--namespace', '-n prod', '--replicas 3', 'kubectl"get', 'INFO memory', 'SELECT 1', 'set key value', 'app: web', 'Kubectl get pods', 'the kubectl get command', 'kubectl get pods "unclosed', 'NS=prod kubectl get pods', '$KUBECTL get pods', '"kubectl" get pods', 'cnpg publication create', '']) {
    it(`not when it is prose: ${JSON.stringify(span)}`, () => assert.equal(isInlineCommand(span), false));
  }
});

describe('inline commands in a runbook', () => {
  it('are found in prose only, with their file lines and Markdown cells', () => {
    const text = [
      '---', 'title: `kubectl get pods`', '---', '', // front matter
      '# Pods', '', 'Check with `kubectl get pods -n web` or', '`kubectl describe pod <pod>`; `kubectl` alone is prose.', '',
      '```bash', 'echo `kubectl get ns`', '```', '',
      'Then `kubectl logs web-1`.', '',
    ].join('\r\n');
    const found = findInlineCommands('\uFEFF' + text);
    assert.deepEqual(found.map((c) => [c.line, c.command, c.cell]), [
      [7, 'kubectl get pods -n web', 1],
      [8, 'kubectl describe pod <pod>', 1],
      [14, 'kubectl logs web-1', 3],
    ]);
  });

  it('are not found in an incident record\'s recorded runs or its timeline', () => {
    const text = [
      'Run `kubectl get pods`.', '',
      '```bash', 'kubectl get pods', '```', '',
      '<!-- runbook:run id=1 -->', 'Ran `kubectl get pods -A` at 10:00', '<!-- /runbook:run -->', '',
      'Then `kubectl get nodes`.', '',
      '<!-- runbook:timeline -->', '- 10:00 ran `kubectl get pods`', '<!-- /runbook:timeline -->', '',
    ].join('\n');
    assert.deepEqual(findInlineCommands(text).map((c) => [c.line, c.command]), [[1, 'kubectl get pods'], [11, 'kubectl get nodes']]);
  });
});

describe('the programs we run', () => {
  it('are the native tools, the builtins, the pipe filters and watch, and nothing a terminal runs', () => {
    const registry = createRegistry();
    const expected = [...registry.names().filter((n) => n !== 'sql'), ...BUILTINS.flatMap((b) => b.names), ...Object.keys(FILTERS), 'watch'];
    assert.deepEqual([...PROGRAMS_WE_RUN].sort(), [...new Set(expected)].sort());
    for (const name of PROGRAMS_WE_RUN) assert.notEqual(classifyProgram(name, registry).kind, 'terminal', name);
  });
});
