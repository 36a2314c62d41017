// How kubectl reports an error that cobra itself returns (a required flag not
// set): one klog line on stderr, `E1207 06:29:16.180233   25661 run.go:72]
// "command failed" err="required flag(s) \"replicas\" not set"`, in local
// time, with the process id right-aligned in seven columns.

import { KubectlError } from './session';

export function commandFailed(message: string, now: Date = new Date(), pid: number = process.pid): KubectlError {
  const two = (n: number) => String(n).padStart(2, '0');
  const micros = String(now.getMilliseconds() * 1000).padStart(6, '0');
  const stamp = `${two(now.getMonth() + 1)}${two(now.getDate())} ${two(now.getHours())}:${two(now.getMinutes())}:${two(now.getSeconds())}.${micros}`;
  return new KubectlError(`E${stamp} ${String(pid).padStart(7)} run.go:72] "command failed" err=${JSON.stringify(message)}`);
}
