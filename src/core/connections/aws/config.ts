// Where an aws command goes and who it is: the global flags, the AWS_*
// variables and the shared config and credentials files, in botocore's order.
// aws cells and the health view's S3 source resolve their settings here.

import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { hostMappings, HostMappingError, type HostMapping } from '../hosts';

type Env = Readonly<Record<string, string | undefined>>;

/** One INI section: `key = value`, and nested blocks (`s3 =` followed by indented lines) as `s3.key`. */
export type IniSection = Record<string, string>;

export function parseIni(text: string): Map<string, IniSection> {
  const sections = new Map<string, IniSection>();
  let current: IniSection | undefined;
  let nested: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*([#;]|$)/.test(raw)) continue;
    const header = /^\s*\[\s*([^\]]*?)\s*\]/.exec(raw);
    if (header) {
      current = sections.get(header[1]!) ?? {};
      sections.set(header[1]!, current);
      nested = undefined;
      continue;
    }
    if (!current) continue;
    const indented = /^\s+/.test(raw);
    const m = /^\s*([^=]+?)\s*=\s*(.*?)\s*$/.exec(raw);
    if (!m) continue;
    const [, key, value] = m as unknown as [string, string, string];
    if (indented && nested) {
      current[`${nested}.${key}`] = value;
      continue;
    }
    nested = value === '' ? key : undefined;
    current[key] = value;
  }
  return sections;
}

function readIni(path: string): Map<string, IniSection> {
  try {
    return existsSync(path) ? parseIni(readFileSync(path, 'utf8')) : new Map();
  } catch {
    return new Map();
  }
}

function expandHome(path: string, home: string): string {
  return path === '~' || path.startsWith('~/') ? join(home, path.slice(1)) : path;
}

export interface AwsFiles {
  configFile: string;
  credentialsFile: string;
  config: Map<string, IniSection>;
  credentials: Map<string, IniSection>;
}

export function loadAwsFiles(env: Env): AwsFiles {
  const home = env.HOME || homedir();
  const configFile = expandHome(env.AWS_CONFIG_FILE || '~/.aws/config', home);
  const credentialsFile = expandHome(env.AWS_SHARED_CREDENTIALS_FILE || '~/.aws/credentials', home);
  return { configFile, credentialsFile, config: readIni(configFile), credentials: readIni(credentialsFile) };
}

/** The profile's section of the config file: `[default]` or `[profile NAME]` (botocore also takes `[NAME]` for default). */
export function configProfile(files: AwsFiles, name: string): IniSection | undefined {
  if (name === 'default') return files.config.get('default') ?? files.config.get('profile default');
  return files.config.get(`profile ${name}`);
}

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Where they came from, for notes: `env`, `shared-credentials-file`, `config-file`. */
  source: string;
}

/** The flags of an aws command that say where it goes and who it is (none for the health view). */
export interface AwsConnectionFlags {
  profile?: string;
  region?: string;
  endpointUrl?: string;
  noVerifySsl: boolean;
  noSignRequest?: boolean;
}

/** Where requests go and who sends them. */
export interface AwsConnection {
  /** The profile named by --profile, AWS_PROFILE or AWS_DEFAULT_PROFILE. */
  profile?: string;
  region: string;
  /** --endpoint-url, else AWS_ENDPOINT_URL_<SERVICE>, else AWS_ENDPOINT_URL, else the profile's, else the service's own. */
  endpointUrl?: string;
  noVerifySsl: boolean;
  /** The profile whose config applies (`default` when none is named). */
  profileName: string;
  credentials?: AwsCredentials;
  /** A profile that names neither keys nor anything we read (SSO, roles, processes): left to the SDK's own chain. */
  sdkProfile?: string;
  /** Where endpoint hosts really connect (RUNBOOK_HOSTS), when any are mapped. */
  hostMappings?: HostMapping[];
  /** How many times a call is tried before its error is reported (botocore's retry settings). */
  maxAttempts: number;
}

export class AwsConfigError extends Error {}

function envCredentials(env: Env): AwsCredentials | undefined {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = env.AWS_SESSION_TOKEN || env.AWS_SECURITY_TOKEN || undefined;
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}), source: 'env' };
}

function sectionCredentials(section: IniSection | undefined, source: string): AwsCredentials | undefined {
  const accessKeyId = section?.aws_access_key_id;
  const secretAccessKey = section?.aws_secret_access_key;
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = section.aws_session_token || section.aws_security_token || undefined;
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}), source };
}

/** The env variable name part for a service: `s3`, `cloudfront`, `elastic beanstalk` -> `ELASTIC_BEANSTALK`. */
function serviceEnvName(service: string): string {
  return service.toUpperCase().replace(/[ -]/g, '_');
}

function endpointMappings(env: Env): HostMapping[] {
  try {
    return hostMappings(env);
  } catch (error) {
    if (error instanceof HostMappingError) throw new AwsConfigError(error.message);
    throw error;
  }
}

function endpointUrl(flags: AwsConnectionFlags, env: Env, files: AwsFiles, profile: IniSection | undefined, service: string): string | undefined {
  if (flags.endpointUrl) return flags.endpointUrl;
  const ignore = (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? profile?.ignore_configured_endpoint_urls ?? '').toLowerCase() === 'true';
  if (ignore) return undefined;
  const fromEnv = env[`AWS_ENDPOINT_URL_${serviceEnvName(service)}`] || env.AWS_ENDPOINT_URL;
  if (fromEnv) return fromEnv;
  const services = profile?.services ? files.config.get(`services ${profile.services}`) : undefined;
  const key = `${service.toLowerCase().replace(/ /g, '_')}.endpoint_url`;
  return services?.[key] || profile?.endpoint_url || undefined;
}

/**
 * botocore's attempts: AWS_MAX_ATTEMPTS or the profile's max_attempts, else
 * what the retry mode (AWS_RETRY_MODE or retry_mode) makes: 5 in the legacy
 * mode aws-cli 1.x defaults to, 3 in the standard and adaptive modes.
 */
function retryAttempts(env: Env, profile: IniSection | undefined): number {
  const set = Number(env.AWS_MAX_ATTEMPTS || profile?.max_attempts);
  if (Number.isInteger(set) && set > 0) return set;
  const mode = (env.AWS_RETRY_MODE || profile?.retry_mode || 'legacy').toLowerCase();
  return mode === 'standard' || mode === 'adaptive' ? 3 : 5;
}

/**
 * Resolves the connection as aws-cli 1.x (botocore) does: flag, then AWS_*
 * variable, then the profile. Credentials come from the environment first,
 * unless --profile names a profile explicitly (then only that profile's keys).
 */
export function resolveAwsConnection(flags: AwsConnectionFlags, env: Env, service: string, files: AwsFiles = loadAwsFiles(env)): AwsConnection {
  const named = flags.profile ?? (env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || undefined);
  const profileName = named ?? 'default';
  const profile = configProfile(files, profileName);
  const creds = files.credentials.get(profileName);
  if (named !== undefined && !profile && !creds) throw new AwsConfigError(`The config profile (${profileName}) could not be found`);
  const region = flags.region ?? (env.AWS_DEFAULT_REGION || env.AWS_REGION || profile?.region || 'us-east-1');
  const fromProfile = sectionCredentials(creds, 'shared-credentials-file') ?? sectionCredentials(profile, 'config-file');
  const credentials = flags.profile !== undefined ? fromProfile : (envCredentials(env) ?? fromProfile);
  const settings: AwsConnection = { profile: named, profileName, region, noVerifySsl: flags.noVerifySsl, maxAttempts: retryAttempts(env, profile) };
  const endpoint = endpointUrl(flags, env, files, profile, service);
  if (endpoint) settings.endpointUrl = endpoint;
  if (credentials) settings.credentials = credentials;
  else if (named !== undefined && !flags.noSignRequest) settings.sdkProfile = profileName;
  const mappings = endpointMappings(env);
  if (mappings.length) settings.hostMappings = mappings;
  return settings;
}
