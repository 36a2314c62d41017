// Entry point of dist/clients/kubernetes.js, loaded on the first kubectl cell.
export { KubeConfig } from '@kubernetes/client-node';
