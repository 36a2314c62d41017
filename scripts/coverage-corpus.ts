// Corpus coverage: how many of the real runbooks' commands run natively, per
// tool group and verb. Reads ../shared/corpus/commands.jsonl.
//   npm run coverage:corpus [-- --json] [-- --tools=kubectl,oc|sql,psql|redis-cli|aws]
// Commands are planned as a cell would hold them: SQL rows as SQL cells, lines
// typed at a redis-cli prompt with their prompt. For aws only s3 and s3api are
// in scope; other services are counted apart. Rows typed inside another tool's
// session (`kubectl cnpg psql` ...) are left out and counted.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { planCell, type PlanRow } from '../src/core/engine';
import { createRegistry } from '../src/core/tools';

interface CorpusCommand {
  file: string;
  line: number;
  tool: string;
  command: string;
  subcommand: string;
  prompt: string;
  source: string;
  session_context: string;
}

const root = join(__dirname, '..');
const corpus = join(root, '..', 'shared', 'corpus', 'commands.jsonl');
if (!existsSync(corpus)) {
  console.log(`coverage: ${corpus} not found (../shared beside the project); nothing to measure`);
  process.exit(0);
}
const toolsArg = process.argv.find((a) => a.startsWith('--tools='))?.slice(8) ?? 'kubectl,oc';
const tools = new Set(toolsArg.split(','));
const registry = createRegistry();
const rows = readFileSync(corpus, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as CorpusCommand);

/** The cell text and language the command would be in. */
function asCell(row: CorpusCommand): { text: string; language: string } {
  if (row.tool === 'sql') return { text: row.command, language: 'sql' };
  if (row.source === 'redis-prompt') return { text: `${row.prompt} ${row.command}`, language: 'shellscript' };
  return { text: row.command, language: 'shellscript' };
}

function verbOf(row: CorpusCommand): string {
  if (row.tool === 'sql') return 'sql';
  if (row.tool === 'aws') return row.subcommand.split(' ').slice(0, 2).join(' ');
  return row.subcommand.split(' ')[0] || '(none)';
}

const inScope = (row: CorpusCommand) => row.tool !== 'aws' || /^s3(api)? /.test(row.subcommand);

interface Tally { total: number; native: number; terminal: number; examples: string[] }
const byVerb = new Map<string, Tally>();
let total = 0;
let native = 0;
let terminal = 0;
let insideSessions = 0;
let outOfScope = 0;
const notNative: { command: string; reason: string }[] = [];

/** Each command's plan; planning is async (a tool may first load its parser). */
async function planRows(): Promise<void> {
  for (const row of rows) {
    if (!tools.has(row.tool)) continue;
    if (row.session_context) {
      insideSessions++;
      continue;
    }
    if (!inScope(row)) {
      outOfScope++;
      continue;
    }
    const cell = asCell(row);
    const plans = await planCell(cell.text, cell.language, registry);
    // The command's own row: the first that is not a variable assignment.
    const plan: PlanRow | undefined = plans.find((p) => p.tool !== '') ?? plans[0];
    if (!plan) continue;
    const verb = verbOf(row);
    const tally = byVerb.get(verb) ?? { total: 0, native: 0, terminal: 0, examples: [] };
    tally.total++;
    total++;
    if (plan.native) {
      tally.native++;
      native++;
    } else {
      if (plan.terminal) {
        tally.terminal++;
        terminal++;
      }
      notNative.push({ command: row.command.split('\n')[0]!.slice(0, 90), reason: plan.reason ?? '' });
      if (tally.examples.length < 2) tally.examples.push(row.command.split('\n')[0]!.slice(0, 80));
    }
    byVerb.set(verb, tally);
  }
}

function report(): void {
  const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '-');
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ total, native, terminal, insideSessions, outOfScope, verbs: Object.fromEntries(byVerb), notNative }));
  } else {
    console.log(`verb                      commands  native  terminal  native share`);
    for (const [verb, t] of [...byVerb].sort((a, b) => b[1].total - a[1].total)) {
      console.log(`${verb.padEnd(26)}${String(t.total).padStart(8)}${String(t.native).padStart(8)}${String(t.terminal).padStart(10)}  ${pct(t.native, t.total).padStart(6)} %${t.examples.length ? `   e.g. ${t.examples[0]}` : ''}`);
    }
    console.log(`\n${[...tools].join('/')}: ${native} of ${total} commands run natively (${pct(native, total)} %); ${terminal} need a terminal (${native} of ${total - terminal} others: ${pct(native, total - terminal)} %).`);
    if (insideSessions) console.log(`Left out: ${insideSessions} typed inside another tool's session.`);
    if (outOfScope) console.log(`Left out: ${outOfScope} aws commands for services other than s3/s3api.`);
    if (process.argv.includes('--why')) for (const n of notNative) console.log(`  not native: ${n.command}\n    ${n.reason}`);
  }
}

void planRows().then(report);
