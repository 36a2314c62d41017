// Where an aws command goes and who it is (resolved in core/connections/aws,
// as the health view's S3 source resolves it), plus the command's own output
// options: --output, AWS_DEFAULT_OUTPUT or the profile's, --query, paging.

import { configProfile, loadAwsFiles, resolveAwsConnection, type AwsConnection, type AwsFiles } from '../../connections/aws';
import type { AwsGlobalFlags } from './args';
import type { AwsGlobals, AwsOutput } from './context';

type Env = Readonly<Record<string, string | undefined>>;

export { AwsConfigError, parseIni } from '../../connections/aws';

/** Everything a command needs: the globals of the contract plus who to be. */
export type AwsSettings = AwsGlobals & AwsConnection;

export function resolveAwsSettings(flags: AwsGlobalFlags, env: Env, service: string, files: AwsFiles = loadAwsFiles(env)): AwsSettings {
  const connection = resolveAwsConnection(flags, env, service, files);
  const output = (flags.output ?? (env.AWS_DEFAULT_OUTPUT || configProfile(files, connection.profileName)?.output || 'json')) as AwsOutput;
  return { ...connection, output, noPaginate: flags.noPaginate, ...(flags.query !== undefined ? { query: flags.query } : {}) };
}
