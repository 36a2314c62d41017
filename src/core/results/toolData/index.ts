// The structured data a tool emits next to its text (ToolContext.emit), one
// shape per `kind`. Plain data only: thresholds, the renderer (browser) and
// the CLI read it, narrowing on `kind`.

import type { CloudFrontDistributionConfigData, CloudFrontDistributionData, CloudFrontDistributionsData, CloudFrontErrorData, CloudFrontInvalidationData, CloudFrontInvalidationsData, S3BucketsData, S3BucketVersioningData, S3DeleteObjectData, S3ListingData, S3ObjectData, S3ObjectsData, S3ObjectVersionsData, S3PresignData, S3PutObjectData, S3TransferData } from './aws';
import type { HttpData } from './http';
import type { ApiResourcesData, ApiVersionsData, ClusterInfoData, DescribeData, EventsData, HpaData, KubeContextData, KubeContextEditData, KubeContextsData, KubeObjectsData, KubeTableData, KubeWatchEventData, LogsData, TopNodesData, TopPodsData, VersionData, WaitData } from './kubernetes';
import type { AppliedData, CreatedData, DeletedData, EditedData, ImageUpdatedData, MetadataUpdateData, PatchedData, RolloutActionData, RolloutStatusData, ScaledData } from './kubernetesWrites';
import type { PostgresConnectionsData, PostgresDatabaseSizeData, PostgresReplicationData, SqlRowsData } from './postgres';
import type { RedisBigKeysData, RedisClusterData, RedisClusterRebalanceData, RedisLatencyData, RedisMemoryData, RedisStatsData } from './redis';

export type * from './aws';
export type * from './http';
export type * from './json';
export type * from './kubernetes';
export type * from './kubernetesWrites';
export type * from './postgres';
export type * from './redis';

export type KubernetesData =
  | KubeTableData
  | KubeWatchEventData
  | KubeObjectsData
  | TopPodsData
  | TopNodesData
  | HpaData
  | DescribeData
  | EventsData
  | LogsData
  | ApiResourcesData
  | ApiVersionsData
  | ClusterInfoData
  | VersionData
  | WaitData
  | KubeContextsData
  | KubeContextData
  | KubeContextEditData
  | ScaledData
  | DeletedData
  | CreatedData
  | AppliedData
  | PatchedData
  | ImageUpdatedData
  | EditedData
  | MetadataUpdateData
  | RolloutStatusData
  | RolloutActionData;

export type PostgresData = SqlRowsData | PostgresConnectionsData | PostgresReplicationData | PostgresDatabaseSizeData;

export type RedisData = RedisMemoryData | RedisStatsData | RedisBigKeysData | RedisClusterData | RedisClusterRebalanceData | RedisLatencyData;

export type AwsData =
  | S3ObjectsData
  | S3ObjectVersionsData
  | S3ObjectData
  | S3PutObjectData
  | S3BucketVersioningData
  | S3DeleteObjectData
  | S3PresignData
  | S3TransferData
  | S3BucketsData
  | S3ListingData
  | CloudFrontErrorData
  | CloudFrontDistributionsData
  | CloudFrontDistributionData
  | CloudFrontDistributionConfigData
  | CloudFrontInvalidationData
  | CloudFrontInvalidationsData;

export type ToolData = KubernetesData | PostgresData | RedisData | AwsData | HttpData;

export type ToolDataKind = ToolData['kind'];

/** The data of one kind: `DataOf<'table'>` is KubeTableData. */
export type DataOf<K extends ToolDataKind> = Extract<ToolData, { kind: K }>;
