// Where cells connect: the connection settings file, the kubeconfig files and
// their contexts. Light on purpose: the extension reads these at activation
// (the status bar, the notebook's environment), before the engine loads.

export { parseEnvFile, type EnvFileResult } from './envFile';
export { kubeconfigFiles } from './kubeconfigPaths';
export { listKubeContexts, type KubeContextInfo } from './kubeContexts';
