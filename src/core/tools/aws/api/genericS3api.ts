// `aws s3api OPERATION` for the S3 operations without a definition of their
// own (put-bucket-policy, get-public-access-block, copy-object, ...): the
// flags come from the SDK's request schema, named as aws-cli names them
// (`PublicAccessBlockConfiguration` is `--public-access-block-configuration`),
// and the answer is shaped and printed like every other operation's.

import type { AwsCommand } from '../context';
import { defineOperation } from './operation';
import type { ParamTable, ParamType } from './params';
import { operationEffect } from '../readOperations';
import { S3_OPERATIONS } from './s3Operations';
import { info, structureFields } from './validate';

/** botocore's xform_name with dashes: `ContentMD5` is `content-md5`, `SSECustomerKey` is `sse-customer-key`. */
export function cliName(apiName: string): string {
  return apiName
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/_/g, '-');
}

const BY_CLI_NAME = new Map(S3_OPERATIONS.map((name) => [cliName(name), name]));

/** The request schema's members as flags, named and typed as aws-cli has them. */
function paramTable(requestSchema: unknown): ParamTable {
  const { names, members, required } = structureFields(requestSchema) ?? { names: [], members: [], required: [] };
  const table: Record<string, { member: string; type: ParamType; required?: boolean }> = {};
  names.forEach((member, i) => {
    const kind = info(members[i]).kind;
    const type: ParamType = kind === 'other' ? 'string' : kind;
    table[`--${cliName(member)}`] = { member, type, ...(required.includes(member) ? { required: true } : {}) };
  });
  return table;
}

function plan(apiName: string) {
  return (args: readonly string[]) => {
    const bucket = args[args.indexOf('--bucket') + 1];
    const action = `${cliName(apiName)}${args.includes('--bucket') && bucket ? ` ${bucket}` : ''}`;
    return { effect: operationEffect(cliName(apiName)), action };
  };
}

/** The command for an S3 operation by its aws-cli name, or undefined when S3 has no such operation. */
export function genericS3apiCommand(operation: string): AwsCommand | undefined {
  const apiName = BY_CLI_NAME.get(operation);
  if (!apiName) return undefined;
  return {
    plan: plan(apiName),
    run: async (args, ctx) => {
      const sdk = ctx.s3Sdk() as unknown as Record<string, unknown>;
      const command = defineOperation({ name: apiName, service: 's3', params: paramTable(sdk[`${apiName}Request$`]), plan: plan(apiName) });
      return command.run(args, ctx);
    },
  };
}
