// Entry point of dist/clients/s3.js, loaded on the first `aws s3`/`aws s3api` command.
export * from '@aws-sdk/client-s3';
export { getSignedUrl } from '@aws-sdk/s3-request-presigner';
