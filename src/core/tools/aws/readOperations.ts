// Which aws operations only read, by their verb (`get-bucket-acl`, `list-users`,
// `describe-instances`): every other verb (put, delete, copy, create, ...) is
// taken to change state.

const READ_VERBS = /^(describe|get|list|head|lookup|search|batch-get|select|scan|query|wait|ls|presign)\b/;

/** `operation` as aws-cli names it: `get-bucket-acl`. */
export function isReadOperation(operation: string): boolean {
  return READ_VERBS.test(operation);
}
