// `aws s3api` and `aws cloudfront` operations: the tables the aws Tool dispatches to.

export { s3apiCommands } from './s3api';
export { cloudfrontCommands } from './cloudfront';
