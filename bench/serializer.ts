// Serializer cost against markdown-it's bare parse of the same text.
//   npm run bench:serializer
// Prints MB/s for both, measured interleaved in one run, and their ratio.
// Goal: opening and saving a runbook costs at most 2x markdown-it's parse.

import markdownIt from 'markdown-it';
import { parseRunbook, serializeRunbook } from '../src/core/markdown';
import { median } from './measure';

/** About 1 MB in 10,000 lines: 1,000 steps of ten lines, each with one list-indented fence. */
function generateRunbook(steps: number, bytes: number): string {
  const proseLine = (i: number, p: number, width: number) => {
    const base = `Check the **deployment** \`tiktok-toe-${i}\` and [its events](#e${p}); see the dashboard for pod ${p}.`;
    return base.length >= width ? base : base + ' Then compare its restarts with the last run.'.repeat(10).slice(0, width - base.length);
  };
  const width = Math.floor(bytes / steps / 3) - 40;
  const out: string[] = [];
  for (let i = 0; i < steps; i++) {
    out.push(`## Step ${i}`, '', proseLine(i, 0, width), proseLine(i, 1, width), proseLine(i, 2, width));
    out.push(`${(i % 9) + 1}. Run the check:`, '   ```bash', `   kubectl get pods -l app=tiktok-toe-${i} -o wide`, '   ```', '');
  }
  return out.join('\n') + '\n';
}

const text = generateRunbook(1_000, 1024 * 1024);
const lineCount = text.split('\n').length - 1;
const megabytes = Buffer.byteLength(text) / (1024 * 1024);
const md = markdownIt();
// What the serializer itself asks of markdown-it: block structure only.
const blockOnly = markdownIt({ html: true });
blockOnly.core.ruler.disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join']);

const ours: number[] = [];
const bare: number[] = [];
const blocks: number[] = [];
for (let round = 0; round < 25; round++) {
  // Alternate which runs first so that neither always gets the warmer cache.
  const pair: Array<() => void> = [
    () => {
      const start = process.hrtime.bigint();
      const out = serializeRunbook(parseRunbook(text));
      ours.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (out !== text) throw new Error('round trip changed the text');
    },
    () => {
      const start = process.hrtime.bigint();
      md.parse(text, {});
      bare.push(Number(process.hrtime.bigint() - start) / 1e6);
    },
    () => {
      const start = process.hrtime.bigint();
      blockOnly.parse(text, {});
      blocks.push(Number(process.hrtime.bigint() - start) / 1e6);
    },
  ];
  if (round % 2) pair.reverse();
  pair.forEach((run) => run());
}
// The first rounds are JIT warm-up.
const oursMs = median(ours.slice(5));
const bareMs = median(bare.slice(5));
const blockMs = median(blocks.slice(5));
const fences = parseRunbook(text).cells.filter((c) => c.kind === 'code').length;
console.log(`input: ${megabytes.toFixed(2)} MB, ${lineCount} lines, ${fences} fenced blocks (node ${process.version})`);
console.log(`runbook parse+serialize: ${oursMs.toFixed(1)} ms median, ${(megabytes / (oursMs / 1000)).toFixed(1)} MB/s`);
console.log(`markdown-it bare parse:  ${bareMs.toFixed(1)} ms median, ${(megabytes / (bareMs / 1000)).toFixed(1)} MB/s`);
console.log(`markdown-it block-only:  ${blockMs.toFixed(1)} ms median, ${(megabytes / (blockMs / 1000)).toFixed(1)} MB/s`);
console.log(`ratio (ours / block-only parse): ${(oursMs / blockMs).toFixed(2)}x (the serializer's own overhead)`);
console.log(`ratio (ours / bare parse): ${(oursMs / bareMs).toFixed(2)}x (goal: at most 2x)`);
