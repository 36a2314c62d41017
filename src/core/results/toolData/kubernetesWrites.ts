// What a state-changing kubectl command emits: the object it changed and how.
// `object` is `resource/name`: `deployments/tiktok-toe`.

export type DryRunMode = 'client' | 'server';

export interface ScaledData {
  kind: 'scaled';
  object: string;
  replicas: number;
  dryRun?: DryRunMode;
}

export interface DeletedData {
  kind: 'deleted';
  object: string;
  dryRun?: DryRunMode;
}

export interface CreatedData {
  kind: 'created';
  object: string;
}

export interface AppliedData {
  kind: 'applied';
  object: string;
  operation: 'created' | 'unchanged' | 'configured';
  /** The patch sent, as JSON text (`configured` only). */
  patch?: string;
}

export interface PatchedData {
  kind: 'patched';
  object: string;
  changed: boolean;
  patchType: string;
  dryRun?: DryRunMode;
}

export interface ImageUpdatedData {
  kind: 'image-updated';
  object: string;
  /** Container name (or `*`) to image. */
  images: Record<string, string>;
}

export interface EditedData {
  kind: 'edit';
  object: string;
  /** Unified diff of the object before and after. */
  diff: string;
}

/** kubectl label / kubectl annotate. */
export interface MetadataUpdateData {
  kind: 'labels' | 'annotations';
  object: string;
  set: Record<string, string>;
  removed: string[];
}

export interface RolloutStatusData {
  kind: 'rollout-status';
  object: string;
  /** The status line kubectl printed. */
  status: string;
  done: boolean;
}

/** kubectl rollout history|undo|restart|pause|resume. */
export interface RolloutActionData {
  kind: 'rollout-history' | 'rollout-undo' | 'rollout-restart' | 'rollout-pause' | 'rollout-resume';
  object: string;
  /** The first line of what kubectl reported. */
  result: string;
}
