// The health view's model, without vscode: sources -> measurements -> judge -> tree.

export { anyUnreachable, healthModel, worstLevel, type HealthLevel, type HealthModel, type HealthNode, type RootKind } from './healthNode';
export { changedNodes, nodeId } from './healthDiff';
export { healthText } from './healthText';
export { thresholdNodes } from './thresholdNodes';
export { KubeModel } from './kube/kubeModel';
export { kubeTree } from './kube/kubeTree';
export type { KubeSnapshot } from './kube/kubeObjects';
export { HealthMonitor, type HealthMonitorOptions } from './monitor';
export { runbookStepCell } from './runbookStep';
