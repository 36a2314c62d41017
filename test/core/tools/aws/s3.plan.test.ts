import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Session } from '../../../../src/core/engine';
import { awsTool } from '../../../../src/core/tools/aws';

const env = { HOME: '/nonexistent', AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's', AWS_DEFAULT_REGION: 'us-east-1' };
const plan = (line: string) => awsTool.parse(line.split(' '), env).plan;

describe('aws plan and target', () => {
  it('s3 ls reads; transfers mutate unless --dryrun, naming the action', () => {
    assert.deepEqual(plan('aws s3 ls s3://b/'), { native: true, terminal: false, effect: 'read', mutates: false, action: 's3 ls s3://b/' });
    const rm = plan('aws s3 rm s3://bucket/key');
    assert.equal(rm.mutates, true);
    assert.equal(rm.action, 's3 rm s3://bucket/key');
    assert.equal(plan('aws s3 rm s3://bucket/ --recursive --dryrun').mutates, false);
    assert.equal(plan('aws s3 sync ./site s3://web/ --delete').action, 's3 sync ./site s3://web/');
    assert.equal(plan('aws --region eu-west-1 s3 mb s3://new').mutates, true);
    assert.equal(plan('aws s3 rb s3://old --force').action, 's3 rb s3://old --force');
  });

  it('other services are not native and offer a terminal', () => {
    const p = plan('aws ec2 describe-instances');
    assert.equal(p.native, false);
    assert.equal(p.terminal, true);
    assert.equal(p.mutates, false);
    assert.match(p.reason ?? '', /aws ec2 is not available natively/);
    assert.equal(plan('aws sts assume-role --role-arn x').mutates, true);
  });

  it('targets name the endpoint or region and the bucket, and go by the profile (the name a production change is confirmed with)', async () => {
    const ctx = { env, session: new Session('/'), cwd: '/' };
    const t = await awsTool.parse('aws s3 ls s3://archive-bucket/x --endpoint-url http://127.0.0.1:9000'.split(' '), {}).target!(ctx);
    assert.deepEqual({ kind: t?.kind, label: t?.label, name: t?.name }, { kind: 's3', label: 's3 http://127.0.0.1:9000 bucket archive-bucket', name: 'default' });
    const prod = await awsTool.parse('aws s3 rm s3://prod-backups/x'.split(' '), {}).target!(ctx);
    assert.equal(prod?.label, 's3 us-east-1 bucket prod-backups');
    assert.deepEqual([prod?.name, prod?.details?.profile], ['default', 'default']);
    // Production is the guard's to decide, from the patterns (core/safety), not the tool's.
    assert.equal(prod?.production, undefined);
  });
});
