// The names aws-cli accepts at each level of a command line.

export { AWS_CLI_VERSION, AWS_COMMANDS } from './commands';
export { CLOUDFRONT_OPERATIONS } from './cloudfront';
export { S3API_OPERATIONS } from './s3api';
