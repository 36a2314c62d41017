// A command line that aws-cli would refuse with a usage error, seen when the
// line is read: its plan changes nothing (so nothing is confirmed) and says
// why; the run then prints the error as aws-cli prints it.

import { AwsUsageError } from './args';

/** The plan of a line that failed to parse with `error`; undefined when the error is not aws-cli's usage error. */
export function usagePlan(error: unknown): { effect: 'read'; reason: string } | undefined {
  if (!(error instanceof AwsUsageError)) return undefined;
  return { effect: 'read', reason: error.message.trim().split('\n').pop() ?? error.message };
}
