// What the aws tool emits: S3 listings and transfers, object operations, and
// CloudFront distributions and invalidations. Values the service returned are
// passed on as it returned them (null when absent).

import type { JsonObject, JsonValue } from './json';

export interface S3ObjectSummary {
  key: JsonValue;
  size: JsonValue;
  lastModified: JsonValue;
  versionId?: JsonValue;
}

/** s3api list-objects-v2 (at most the first 200 objects). */
export interface S3ObjectsData {
  kind: 's3-objects';
  bucket: string;
  prefix: string;
  count: number;
  commonPrefixes: JsonValue[];
  objects: S3ObjectSummary[];
  nextToken?: string;
}

/** s3api list-object-versions (at most the first 200 of each). */
export interface S3ObjectVersionsData {
  kind: 's3-object-versions';
  bucket: string;
  prefix: string;
  versions: S3ObjectSummary[];
  deleteMarkers: S3ObjectSummary[];
}

/** s3api head-object / get-object: the object's metadata (and the file get-object wrote). */
export interface S3ObjectData {
  kind: 's3-object';
  bucket: string;
  key: string;
  outfile?: string;
  metadata: JsonObject;
}

export interface S3PutObjectData {
  kind: 's3-put-object';
  bucket: string;
  key: string;
  etag: JsonValue;
}

export interface S3BucketVersioningData {
  kind: 's3-bucket-versioning';
  bucket: string;
  status: JsonValue;
  mfaDelete: JsonValue;
}

export interface S3DeleteObjectData {
  kind: 's3-delete-object';
  bucket: string;
  key: string;
  deleteMarker: JsonValue;
  versionId: JsonValue;
}

export interface S3PresignData {
  kind: 's3-presign';
  bucket: string;
  key: string;
  expiresIn: number;
}

/** aws s3 cp|mv|rm|sync. */
export interface S3TransferData {
  kind: 's3-transfer';
  command: 'cp' | 'mv' | 'rm' | 'sync';
  dryrun: boolean;
  files: number;
  bytes: number;
  failed: number;
}

/** aws s3 ls without a bucket. */
export interface S3BucketsData {
  kind: 's3-buckets';
  buckets: { name: string; created: string }[];
}

/** aws s3 ls s3://bucket/prefix (objects recorded up to a limit; `truncated` past it). */
export interface S3ListingData {
  kind: 's3-listing';
  bucket: string;
  prefix: string;
  recursive: boolean;
  objects: { key: string; size: number; lastModified: string }[];
  prefixes: string[];
  totalObjects: number;
  totalSize: number;
  truncated: boolean;
}

/** A CloudFront call the service refused, for the notes that explain it. */
export interface CloudFrontErrorData {
  kind: 'cloudfront-error';
  operation: string;
  code: string;
  distributionId: string | null;
  /** The id looks like a placeholder the runbook never filled in. */
  placeholderId: boolean;
  ifMatchGiven: boolean;
}

export interface CloudFrontDistributionsData {
  kind: 'cloudfront-distributions';
  distributions: { id: JsonValue; domainName: JsonValue; status: JsonValue; aliases: JsonValue[]; etag: JsonValue }[];
}

/** get-distribution / update-distribution. */
export interface CloudFrontDistributionData {
  kind: 'cloudfront-distribution';
  id: JsonValue;
  status: JsonValue;
  domainName: JsonValue;
  lastModified: JsonValue;
  etag: JsonValue;
  aliases: JsonValue[];
  origins: { id: JsonValue; domainName: JsonValue }[];
  enabled: JsonValue;
}

export interface CloudFrontDistributionConfigData {
  kind: 'cloudfront-distribution-config';
  id: string;
  etag: JsonValue;
  comment: JsonValue;
}

/** create-invalidation / get-invalidation. */
export interface CloudFrontInvalidationData {
  kind: 'cloudfront-invalidation';
  distributionId: string;
  id: JsonValue;
  status: JsonValue;
  createTime: JsonValue;
  paths: JsonValue[];
  callerReference: JsonValue;
  location?: JsonValue;
}

export interface CloudFrontInvalidationsData {
  kind: 'cloudfront-invalidations';
  distributionId: string;
  invalidations: { id: JsonValue; status: JsonValue; createTime: JsonValue }[];
}
