// AWS as the aws CLI reaches it, shared by aws cells and the health view:
// region, endpoint and credentials from flags, AWS_* variables and the shared
// config and credentials files; SDK client options with RUNBOOK_HOSTS.

export { sdkClientConfig } from './clientConfig';
export { AwsConfigError, configProfile, loadAwsFiles, parseIni, resolveAwsConnection, type AwsConnection, type AwsConnectionFlags, type AwsCredentials, type AwsFiles, type IniSection } from './config';
