// Where cells connect, in one place for every tool: the connection settings
// file, the host mappings (RUNBOOK_HOSTS) that decide where each connection
// dials, and the kubeconfig files and their contexts. Light on purpose: the
// extension reads the env file and the contexts at activation (the status
// bar, the notebook's environment), before the engine loads. The resolved
// kubeconfig (kubeConfig.ts) and the API server connection (kubeConnection.ts)
// load the Kubernetes client library, so they are imported by path, not from here.

export { routedAgent } from './agents';
export { mappedRequestOptions } from './mappedRequest';
export { parseEnvFile, type EnvFileResult } from './envFile';
export { hostMappings, HostMappingError, HOSTS_VARIABLE, parseHostMappings, routeTo, splitColons, unbracket, type Endpoint, type HostMapping } from './hosts';
export { kubeconfigFiles } from './kubeconfigPaths';
export { listKubeContexts, type KubeContextInfo } from './kubeContexts';
export { kubeSelection, type KubeSessionSelection } from './kubeSelection';
