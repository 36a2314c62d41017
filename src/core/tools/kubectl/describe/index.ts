// Which describer prints which kind: kubectl's own describers by API group
// and kind, and the generic field tree for every other kind.

import type { ResourceType } from '../discovery';
import { describeConfigMap, describeSecret } from './configmap';
import type { Describer } from './context';
import { describeDeployment } from './deployment';
import { describeGeneric } from './generic';
import { describeHpa } from './hpa';
import { describeNamespace } from './namespace';
import { describeNode } from './node';
import { describePod } from './pod';
import { describePvc } from './pvc';
import { describeReplicaSet } from './replicaset';
import { describeService } from './service';
import { describeStatefulSet } from './statefulset';
import { describeStorageClass } from './storageclass';

const DESCRIBERS: Record<string, Describer> = {
  '/Pod': describePod,
  '/Node': describeNode,
  '/Service': describeService,
  '/ConfigMap': describeConfigMap,
  '/Secret': describeSecret,
  '/PersistentVolumeClaim': describePvc,
  '/Namespace': describeNamespace,
  'apps/Deployment': describeDeployment,
  'apps/ReplicaSet': describeReplicaSet,
  'apps/StatefulSet': describeStatefulSet,
  'autoscaling/HorizontalPodAutoscaler': describeHpa,
  'storage.k8s.io/StorageClass': describeStorageClass,
};

export function describerFor(type: ResourceType): Describer {
  return DESCRIBERS[`${type.group}/${type.kind}`] ?? describeGeneric;
}
