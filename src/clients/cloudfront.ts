// Entry point of dist/clients/cloudfront.js, loaded on the first `aws cloudfront` command.
export * from '@aws-sdk/client-cloudfront';
