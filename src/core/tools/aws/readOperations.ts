// Which aws operations only read, by their verb: Get, List, Head and Describe
// (`get-bucket-acl`, `list-users`, `head-object`, `describe-instances`, and
// their batch forms), `s3 ls`, and `s3 presign`, which signs a URL locally
// and sends nothing. Every other operation (put, delete, create, copy, but
// also scan, query and wait, which the rule does not list) is taken to change
// state.

import type { Effect } from '../../engine/tool';

const READ_VERBS = /^(describe|get|list|head|batch-get|ls|presign)\b/;

/** `operation` as aws-cli names it: `get-bucket-acl`. */
export function operationEffect(operation: string): Effect {
  return READ_VERBS.test(operation) ? 'read' : 'change';
}
