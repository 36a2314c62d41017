import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseAwsArgs } from '../../../../src/core/tools/aws/args';
import { AwsConfigError, parseIni, resolveAwsSettings } from '../../../../src/core/tools/aws/config';

let home: string;
const flags = (...words: string[]) => parseAwsArgs(['aws', ...words, 's3', 'ls']).globals;

before(() => {
  home = mkdtempSync(join(tmpdir(), 'awsconfig-'));
  mkdirSync(join(home, '.aws'));
  writeFileSync(join(home, '.aws', 'config'), [
    '[default]', 'region = eu-west-1', 'output = text', '',
    '[profile staging]', 'region = eu-central-1', 'aws_access_key_id = CFGKEY', 'aws_secret_access_key = CFGSECRET', '',
    '[profile prod]', 'region = us-west-2', 'services = prod-endpoints', '',
    '[profile patient]', 'retry_mode = standard', '',
    '[profile stubborn]', 'retry_mode = standard', 'max_attempts = 8', '',
    '[services prod-endpoints]', 's3 =', '  endpoint_url = http://prod-s3.internal:9000', '',
  ].join('\n'));
  writeFileSync(join(home, '.aws', 'credentials'), [
    '[default]', 'aws_access_key_id = DEFKEY', 'aws_secret_access_key = DEFSECRET', '',
    '# a comment', '[prod]', 'aws_access_key_id = PRODKEY', 'aws_secret_access_key = PRODSECRET', 'aws_session_token = PRODTOKEN',
  ].join('\n'));
});

after(() => rmSync(home, { recursive: true, force: true }));

describe('aws config and credentials', () => {
  it('parses nested INI blocks', () => {
    const ini = parseIni('[services x]\ns3 =\n  endpoint_url = http://a\n  other = 1\nregion = r\n');
    assert.deepEqual(ini.get('services x'), { s3: '', 's3.endpoint_url': 'http://a', 's3.other': '1', region: 'r' });
  });

  it('uses the default profile from HOME when nothing else is set', () => {
    const s = resolveAwsSettings(flags(), { HOME: home }, 's3');
    assert.equal(s.region, 'eu-west-1');
    assert.equal(s.output, 'text');
    assert.equal(s.credentials?.accessKeyId, 'DEFKEY');
    assert.equal(s.endpointUrl, undefined);
  });

  it('prefers flags, then AWS_* variables, then the profile', () => {
    const env = { HOME: home, AWS_DEFAULT_REGION: 'ap-south-1', AWS_ACCESS_KEY_ID: 'ENVKEY', AWS_SECRET_ACCESS_KEY: 'ENVSECRET', AWS_DEFAULT_OUTPUT: 'table' };
    const s = resolveAwsSettings(flags(), env, 's3');
    assert.equal(s.region, 'ap-south-1');
    assert.equal(s.output, 'table');
    assert.equal(s.credentials?.accessKeyId, 'ENVKEY');
    assert.equal(resolveAwsSettings(flags('--region', 'sa-east-1', '--output', 'json'), env, 's3').region, 'sa-east-1');
    assert.equal(resolveAwsSettings(flags(), { HOME: home, AWS_REGION: 'ca-central-1' }, 's3').region, 'ca-central-1');
  });

  it('AWS_PROFILE picks the profile, but keys in the environment still win (botocore)', () => {
    const env = { HOME: home, AWS_PROFILE: 'staging', AWS_ACCESS_KEY_ID: 'ENVKEY', AWS_SECRET_ACCESS_KEY: 'ENVSECRET' };
    const s = resolveAwsSettings(flags(), env, 's3');
    assert.equal(s.region, 'eu-central-1');
    assert.equal(s.credentials?.accessKeyId, 'ENVKEY');
    assert.equal(resolveAwsSettings(flags(), { HOME: home, AWS_PROFILE: 'staging' }, 's3').credentials?.accessKeyId, 'CFGKEY');
  });

  it('--profile ignores keys in the environment and reads the credentials file first', () => {
    const env = { HOME: home, AWS_ACCESS_KEY_ID: 'ENVKEY', AWS_SECRET_ACCESS_KEY: 'ENVSECRET' };
    const s = resolveAwsSettings(flags('--profile', 'prod'), env, 's3');
    assert.equal(s.profile, 'prod');
    assert.equal(s.region, 'us-west-2');
    assert.deepEqual(s.credentials, { accessKeyId: 'PRODKEY', secretAccessKey: 'PRODSECRET', sessionToken: 'PRODTOKEN', source: 'shared-credentials-file' });
    assert.equal(s.endpointUrl, 'http://prod-s3.internal:9000');
    assert.equal(resolveAwsSettings(flags('--profile', 'prod'), env, 'cloudfront').endpointUrl, undefined);
  });

  it('endpoints: flag, then AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL, then config', () => {
    const env = { HOME: home, AWS_PROFILE: 'prod', AWS_ENDPOINT_URL: 'http://all:1', AWS_ENDPOINT_URL_S3: 'http://s3:2' };
    assert.equal(resolveAwsSettings(flags(), env, 's3').endpointUrl, 'http://s3:2');
    assert.equal(resolveAwsSettings(flags(), env, 'cloudfront').endpointUrl, 'http://all:1');
    assert.equal(resolveAwsSettings(flags('--endpoint-url', 'http://flag:3'), env, 's3').endpointUrl, 'http://flag:3');
    assert.equal(resolveAwsSettings(flags(), { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }, 's3').endpointUrl, undefined);
  });

  it('AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE replace the files in HOME', () => {
    const dir = mkdtempSync(join(tmpdir(), 'awsconfig-alt-'));
    try {
      writeFileSync(join(dir, 'cfg'), '[profile alt]\nregion = me-south-1\n');
      writeFileSync(join(dir, 'creds'), '[alt]\naws_access_key_id = ALTKEY\naws_secret_access_key = ALTSECRET\n');
      const env = { HOME: home, AWS_CONFIG_FILE: join(dir, 'cfg'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'creds') };
      const s = resolveAwsSettings(flags('--profile', 'alt'), env, 's3');
      assert.equal(s.region, 'me-south-1');
      assert.equal(s.credentials?.accessKeyId, 'ALTKEY');
      assert.equal(resolveAwsSettings(flags(), env, 's3').credentials, undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a named profile that exists nowhere is an error, with aws-cli wording', () => {
    assert.throws(() => resolveAwsSettings(flags('--profile', 'nope'), { HOME: home }, 's3'), (e: unknown) => e instanceof AwsConfigError && e.message === 'The config profile (nope) could not be found');
  });

  it('attempts as botocore makes them: AWS_MAX_ATTEMPTS or max_attempts, else 5 in legacy mode and 3 in standard or adaptive', () => {
    const attempts = (env: Record<string, string>, ...words: string[]) => resolveAwsSettings(flags(...words), { HOME: home, ...env }, 's3').maxAttempts;
    assert.equal(attempts({}), 5);
    assert.equal(attempts({ AWS_RETRY_MODE: 'standard' }), 3);
    assert.equal(attempts({ AWS_RETRY_MODE: 'adaptive' }), 3);
    assert.equal(attempts({ AWS_RETRY_MODE: 'legacy', AWS_MAX_ATTEMPTS: '2' }), 2);
    assert.equal(attempts({ AWS_MAX_ATTEMPTS: 'many' }), 5);
    assert.equal(attempts({}, '--profile', 'patient'), 3);
    assert.equal(attempts({}, '--profile', 'stubborn'), 8);
    assert.equal(attempts({ AWS_MAX_ATTEMPTS: '1' }, '--profile', 'stubborn'), 1);
  });
});
