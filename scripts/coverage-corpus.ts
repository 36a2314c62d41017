// Corpus coverage: how many of the real runbooks' kubectl/oc commands run
// natively, per verb. Reads ../shared/corpus/commands.jsonl.
//   npm run coverage:corpus [-- --json] [-- --tools kubectl,oc]

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { planCell } from '../src/core/engine';
import { createRegistry } from '../src/core/tools';

interface CorpusCommand {
  file: string;
  line: number;
  tool: string;
  command: string;
  subcommand: string;
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

interface Tally { total: number; native: number; terminal: number; examples: string[] }
const byVerb = new Map<string, Tally>();
let total = 0;
let native = 0;
let terminal = 0;
for (const row of rows) {
  if (!tools.has(row.tool) || row.session_context) continue;
  const language = row.tool === 'sql' ? 'sql' : 'shellscript';
  const plan = planCell(row.command, language, registry).find((p) => p.tool === row.tool || language === 'sql') ?? planCell(row.command, language, registry)[0];
  if (!plan) continue;
  const verb = row.tool === 'sql' ? 'sql' : (row.subcommand.split(' ')[0] || '(none)');
  const tally = byVerb.get(verb) ?? { total: 0, native: 0, terminal: 0, examples: [] };
  tally.total++;
  total++;
  if (plan.native) {
    tally.native++;
    native++;
  } else if (plan.terminal) {
    tally.terminal++;
    terminal++;
  } else if (tally.examples.length < 2) tally.examples.push(row.command.split('\n')[0].slice(0, 80));
  byVerb.set(verb, tally);
}
const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '-');
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ total, native, terminal, verbs: Object.fromEntries(byVerb) }));
} else {
  console.log(`verb              commands  native  terminal  native share (of non-terminal)`);
  for (const [verb, t] of [...byVerb].sort((a, b) => b[1].total - a[1].total)) {
    console.log(`${verb.padEnd(18)}${String(t.total).padStart(8)}${String(t.native).padStart(8)}${String(t.terminal).padStart(10)}  ${pct(t.native, t.total - t.terminal).padStart(6)} %${t.examples.length ? `   e.g. ${t.examples[0]}` : ''}`);
  }
  console.log(`\n${[...tools].join('/')}: ${native} of ${total - terminal} commands that do not need a terminal run natively (${pct(native, total - terminal)} %); ${terminal} need a terminal.`);
}
