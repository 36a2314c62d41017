// Connection settings every tool shares: the env file a notebook reads, and
// the host mappings (RUNBOOK_HOSTS) that decide where each connection dials.

export { routedAgent } from './agents';
export { parseEnvFile, type EnvFileResult } from './envFile';
export { hostMappings, HostMappingError, HOSTS_VARIABLE, parseHostMappings, routeTo, splitColons, unbracket, type Endpoint, type HostMapping } from './hosts';
