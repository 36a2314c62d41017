// Which buckets and URLs a runbook's steps name: read from the shell cells'
// parsed commands with the cells' env, not from the prose or other languages.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runbookTargets } from '../../../../src/core/health/sources';
import { Runbook } from '../../../../src/core/runbook';
import { PROJECT_ROOT } from '../../../support/shared';

const fence = (language: string, body: string) => `\`\`\`${language}\n${body}\n\`\`\`\n`;

describe('runbook targets', () => {
  it('the sample runbook names the archive bucket and the health endpoint', () => {
    const text = readFileSync(join(PROJECT_ROOT, 'notebooks', 'scaling-playbook.runbook.md'), 'utf8');
    assert.deepEqual(runbookTargets(Runbook.fromMarkdown(text), {}), { buckets: ['archive-bucket'], urls: ['https://api.tiktok-toe.com/health'] });
  });

  it('reads s3:// paths, --bucket, curl URLs and --url; expands variables; skips words that still need a value', () => {
    const text = [
      'Prose that names s3://prose-bucket and https://prose.example is not a step.',
      fence('bash', 'aws s3 cp s3://from-bucket/a.csv "s3://$TARGET/b.csv" && aws s3api head-object --bucket=logs --key k'),
      fence('bash', 'aws s3api list-objects-v2 --bucket backups | jq .\ncurl -sS -e https://referer.example --url https://api.example/ready'),
      fence('bash', 'curl -w "%{time_total}\\n" -o /dev/null "$BASE/health" http://<host>/x'),
      fence('bash', 'aws s3 ls s3://$UNSET_BUCKET/'),
      fence('python', 'print("curl https://not-a-step.example")'),
      fence('bash', 'echo "unclosed'),
    ].join('\n');
    const targets = runbookTargets(Runbook.fromMarkdown(text), { TARGET: 'to-bucket', BASE: 'https://svc.example:8443' });
    assert.deepEqual(targets.buckets, ['from-bucket', 'to-bucket', 'logs', 'backups']);
    assert.deepEqual(targets.urls, ['https://api.example/ready', 'https://svc.example:8443/health']);
  });
});
