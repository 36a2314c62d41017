// Health sources other than Kubernetes: each polls one PostgreSQL database,
// the Redis cache or cluster, an S3 bucket or an HTTP endpoint with the env a
// Session's cells use, and gives typed snapshots and a state (ok, or
// unreachable with the error and what to check) with the time of the last
// update. Values are measured as cells measure them, in the thresholds'
// Measurement shape, so the judge treats both alike.

export { startPoller, type HealthSource, type PollerOptions, type SourceReading, type SourceState, type Unreachable } from './poller';
export { startPostgresSource, type DatabaseVolume, type PostgresSnapshot, type PostgresSourceOptions } from './postgres';
export { startRedisSource, type RedisSnapshot, type RedisSourceOptions } from './redis';
export { startRedisClusterSource, type RedisClusterSnapshot, type RedisClusterSourceOptions } from './redisCluster';
export { startS3Source, type S3BucketSnapshot, type S3Endpoint, type S3SourceOptions } from './s3';
export { startHttpSource, type HttpSnapshot, type HttpSourceOptions } from './http';
export { runbookTargets, type RunbookTargets } from './runbookTargets';
export { requestRateSources, startGroupRequestRateSource, type GroupRequestRate, type GroupRequestRateOptions } from './groupRequestRate';
