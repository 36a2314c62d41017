// The `aws s3` high-level commands, by name.

import type { AwsCommand, AwsCommandTable } from '../context';
import { usagePlan } from '../usagePlan';
import { mbCommand, rbCommand } from './buckets';
import { lsCommand } from './ls';
import { presignCommand } from './presign';
import { parseTransfer, runTransfer, transferAction, type TransferCommand } from './transfer';

function transferCommand(name: TransferCommand): AwsCommand {
  return {
    plan(args) {
      try {
        const o = parseTransfer(name, args);
        return { mutates: !o.dryrun, action: transferAction(o) };
      } catch (error) {
        // A usage error is aws-cli's first word: the line then changes nothing and asks nothing.
        return usagePlan(error) ?? { mutates: !args.includes('--dryrun'), action: [name, ...args].join(' ') };
      }
    },
    run: (args, ctx) => runTransfer(ctx, parseTransfer(name, args)),
  };
}

export const s3Commands: AwsCommandTable = {
  ls: lsCommand,
  cp: transferCommand('cp'),
  mv: transferCommand('mv'),
  rm: transferCommand('rm'),
  sync: transferCommand('sync'),
  mb: mbCommand,
  rb: rbCommand,
  presign: presignCommand,
};

/** aws-cli lists them in this order in its "Invalid choice" message. */
export const S3_COMMAND_ORDER = ['ls', 'website', 'cp', 'mv', 'rm', 'sync', 'mb', 'rb', 'presign'];
