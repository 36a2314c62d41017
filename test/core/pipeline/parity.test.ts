// Compares each built-in filter with the real program on the same input:
// identical stdout and exit status, with our input fed in random chunks.
// A case whose real program is not installed is skipped, with the reason.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { after, before, describe, it } from 'node:test';
import { PARITY_CASES, type ParityCase } from './parityCases';
import { chunk, runFilter, seededRandom } from './runFilter';

interface RealTool {
  readonly command?: string;
  readonly skip?: string;
}

function versionOf(command: string): string | undefined {
  const r = spawnSync(command, ['--version'], { encoding: 'utf8' });
  return r.error ? undefined : `${r.stdout}${r.stderr}`;
}

const tools = new Map<string, RealTool>();

function realTool(program: string): RealTool {
  const known = tools.get(program);
  if (known) return known;
  let tool: RealTool;
  if (program === 'awk') {
    tool = versionOf('gawk')?.startsWith('GNU Awk')
      ? { command: 'gawk' }
      : { skip: 'gawk is not installed (the reference is GNU awk; apt-get install gawk)' };
  } else if (program === 'jq') {
    const command = process.env.PARITY_JQ ?? 'jq';
    const version = versionOf(command);
    if (version === undefined) tool = { skip: 'jq is not installed (set PARITY_JQ to a jq 1.7 binary)' };
    else if (!/^jq-1\.7/.test(version.trim())) {
      tool = { skip: `installed ${version.trim()} is not the reference jq 1.7 (set PARITY_JQ to a jq 1.7 binary)` };
    } else tool = { command };
  } else if (program === 'column') {
    tool = versionOf('column')?.includes('util-linux')
      ? { command: 'column' }
      : { skip: 'util-linux column is not installed' };
  } else {
    tool = versionOf(program)?.includes('GNU') ? { command: program } : { skip: `GNU ${program} is not installed` };
  }
  tools.set(program, tool);
  return tool;
}

interface RealResult {
  stdout: string;
  exitCode: number;
}

/** Runs the real program with the input on stdin (spawning is slow here, so several run at once). */
function real(command: string, args: readonly string[], input: string): Promise<RealResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: tmpdir(),
      env: { ...process.env, LC_ALL: 'C.UTF-8', POSIXLY_CORRECT: undefined },
      timeout: 20_000,
    });
    const out: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.resume();
    child.stdin.on('error', () => undefined); // the program may exit before reading everything
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout: Buffer.concat(out).toString('utf8'), exitCode: code ?? -1 }));
    child.stdin.end(input);
  });
}

async function runAll<T>(jobs: Array<() => Promise<T>>, width: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}

const tally = { identical: 0, different: 0, skipped: 0 };

function label(c: ParityCase): string {
  const args = c.args.map((a) => (/^[\w./:=,+-]+$/.test(a) ? a : `'${a}'`)).join(' ');
  return `${c.program} ${args}`.trim();
}

describe('parity with the real tools (LC_ALL=C.UTF-8)', () => {
  const expected = new Map<number, RealResult>();

  before(async () => {
    const runnable = PARITY_CASES.map((c, index) => ({ c, index, tool: realTool(c.program) })).filter((x) => x.tool.command);
    const results = await runAll(
      runnable.map(({ c, tool }) => () => real(tool.command!, c.args, c.input)),
      2,
    );
    runnable.forEach(({ index }, k) => expected.set(index, results[k]!));
  });

  PARITY_CASES.forEach((c, index) => {
    const tool = realTool(c.program);
    const skip = tool.skip;
    if (skip) {
      it(`${label(c)}`, { skip }, () => undefined);
      tally.skipped++;
      return;
    }
    it(`${label(c)}`, async () => {
      const want = expected.get(index)!;
      const ours = await runFilter(c.program, c.args, chunk(c.input, seededRandom(index + 1)));
      const same = ours.stdout === want.stdout && ours.exitCode === want.exitCode;
      if (same) tally.identical++;
      else tally.different++;
      assert.deepEqual({ stdout: ours.stdout, exitCode: ours.exitCode }, want);
    });
  });

  after(() => {
    const total = tally.identical + tally.different;
    console.log(`parity: ${tally.identical} identical of ${total} compared (${tally.skipped} skipped)`);
  });
});
