// The `aws s3` high-level commands, by name.

import type { Effect } from '../../../engine/tool';
import type { AwsCommand, AwsCommandTable } from '../context';
import { usagePlan } from '../usagePlan';
import { mbCommand, rbCommand } from './buckets';
import { lsCommand } from './ls';
import { presignCommand } from './presign';
import { parseTransfer, runTransfer, transferAction, type TransferCommand } from './transfer';

/** A dry run reads; `rm --recursive` and `sync --delete` destroy; any other transfer changes. */
function transferEffect(name: TransferCommand, o: { dryrun: boolean; recursive: boolean; delete: boolean }): Effect {
  if (o.dryrun) return 'read';
  if ((name === 'rm' && o.recursive) || (name === 'sync' && o.delete)) return 'destructive';
  return 'change';
}

function transferCommand(name: TransferCommand): AwsCommand {
  return {
    plan(args) {
      try {
        const o = parseTransfer(name, args);
        return { effect: transferEffect(name, { dryrun: o.dryrun, recursive: o.recursive, delete: o.delete }), action: transferAction(o) };
      } catch (error) {
        // A usage error is aws-cli's first word: the line then changes nothing and asks nothing.
        const written = { dryrun: args.includes('--dryrun'), recursive: args.includes('--recursive'), delete: args.includes('--delete') };
        return usagePlan(error) ?? { effect: transferEffect(name, written), action: [name, ...args].join(' ') };
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
