// The incident recorder: a subscriber to the runbook runner that writes each
// finished cell's run into the record (after the cell's fence), updates the
// header (targets touched, verdict counts) and regenerates the timeline, and
// waits until the write is durable before the runner goes on. The notebook
// and the CLI give it the record through RecordTarget; the rules are here.

import { wholeText } from '../output/wholeOutput';
import type { CellResult } from '../results';
import type { Runbook } from '../runbook';
import type { RunnerEvent, RunnerListener } from '../runner';
import { readHeader, withHeader, type IncidentHeader, type RecordStatus, type RecordedTarget } from './header';
import { escapeMarkdown, inlineCode, oneLine } from './markdownText';
import { normalizeText, sha256, type ConfirmationRecord, type RecordedRun, type RecordedText } from './recordedRun';
import { renderRunBlock } from './runBlock';
import { resultTargets, summaryLine, targetWords, verdictLinesOf } from './runSummary';
import { stepHeading } from './steps';
import { readTimeline, renderTimeline, type TimelineEvent } from './timeline';

/** A code cell of the record as the recorder needs it. */
export interface RecordCell {
  /** The fence's container prefix (list indentation, `> `). */
  prefix: string;
  eol: string;
  /** The runs already written after the fence. */
  runs: string;
  /** The fence's last line ends with a line ending (false only for a fence at the very end of the file). */
  endsWithEol: boolean;
  /** The fence has a closing line: runs can follow it (an unclosed fence runs to the end of its container). */
  closed: boolean;
}

/** One write to the record; every field is the new value in full. */
export interface RecordWrite {
  runs?: { cellIndex: number; text: string };
  frontMatter: string;
  timeline: string;
  sidecars: { name: string; text: string }[];
}

export interface RecordTarget {
  frontMatter(): string;
  timeline(): string | undefined;
  cell(index: number): RecordCell | undefined;
  /** Applies the write and resolves once it is saved. */
  write(change: RecordWrite): Promise<void>;
  /** The cell a step heading is looked up from, when the run's cell is not one of the record's own (an inline command's, after its paragraph). */
  stepCell?(index: number): number | undefined;
}

export interface TextMasker {
  mask(text: string): string;
  maskDeep<T>(value: T): T;
}

export interface RecorderOptions {
  runbook: () => Runbook;
  who: string;
  masker: TextMasker;
  /** Outputs larger than this (UTF-8 bytes) go whole into a sidecar file; the record shows their beginning. */
  maxOutputBytes: number;
  /** The record's file name without `.incident.md`: sidecars are named after it. */
  recordName: string;
  now?: () => Date;
}

const FOLD_LINES = 25;
const PREVIEW_LINES = 100;
const PREVIEW_BYTES = 16 * 1024;

export class IncidentRecorder {
  private header: IncidentHeader;
  private events: TimelineEvent[];
  private runCount: number;
  private readonly pending = new Map<number, { confirmations: ConfirmationRecord[]; notRun: string[] }>();

  constructor(private readonly target: RecordTarget, private readonly options: RecorderOptions) {
    const header = readHeader(target.frontMatter());
    if (!header) throw new Error('this file is not an incident record: its front matter has no `incident:` header');
    this.header = header;
    this.events = readTimeline(target.timeline() ?? '');
    this.runCount = Math.max(0, ...this.events.map((e) => (e.kind === 'run' ? e.run : 0)));
  }

  get status(): RecordStatus {
    return this.header.status;
  }

  readonly listener: RunnerListener = (event: RunnerEvent) => {
    const cell = event.cell;
    const at = this.now().toISOString();
    const step = stepHeading(this.options.runbook(), this.target.stepCell?.(cell.index) ?? cell.index);
    const place = step ? { step } : {};
    const pending = () => {
      let entry = this.pending.get(cell.index);
      if (!entry) this.pending.set(cell.index, (entry = { confirmations: [], notRun: [] }));
      return entry;
    };
    switch (event.type) {
      case 'cell-started':
        this.pending.delete(cell.index);
        return;
      case 'confirmation': {
        const target = event.request.target;
        // A production target's question asked for its name to be typed: the record says so.
        const on = target ? `on ${target.production ? `PRODUCTION target ${target.name ?? target.label} (${target.label})` : target.label}` : '';
        const question = this.mask(`${event.request.action} ${on}: ${event.request.commandLine}`.replace(/ +:/, ':'));
        const preview = event.request.preview ? { preview: this.mask(event.request.preview.text) } : {};
        pending().confirmations.push({ question, answer: event.answer, ...preview });
        this.events.push({ kind: 'confirmation', at, who: this.options.who, ...place, question, answer: event.answer, ...preview });
        return;
      }
      case 'skipped': {
        const command = event.command === undefined ? undefined : this.mask(event.command);
        if (command) pending().notRun.push(`- *Not run:* ${inlineCode(command)} (${escapeMarkdown(this.mask(event.reason))})`);
        this.events.push({ kind: 'skipped', at, who: this.options.who, ...place, ...(command ? { command } : {}), reason: this.mask(event.reason) });
        // A cell the stopped run did not reach gets no run of its own: the timeline says why.
        if (!command) return this.write();
        return;
      }
      case 'cell-finished':
        return this.recordRun(event.cell.index, event.result, place);
      default:
        return;
    }
  };

  /** A timestamped line from the operator. */
  note(text: string): Promise<void> {
    this.events.push({ kind: 'note', at: this.now().toISOString(), who: this.options.who, text: this.mask(oneLine(text)) });
    return this.write();
  }

  end(status: Exclude<RecordStatus, 'open'>): Promise<void> {
    const at = this.now().toISOString();
    this.header = { ...this.header, ended: at, status };
    this.events.push({ kind: 'end', at, who: this.options.who, status });
    return this.write();
  }

  private async recordRun(cellIndex: number, raw: CellResult, place: { step?: string }): Promise<void> {
    const cell = this.target.cell(cellIndex);
    // A cell that ran nothing and printed nothing (a YAML block) leaves no trace.
    if (!cell || !cell.closed || (!raw.text && !raw.stderr && !raw.commands?.length)) return;
    const result = this.options.masker.maskDeep(raw);
    // A large output's whole text is in its spool file (the result holds its last lines): the record gets all of it.
    const { text: shownText, stderr: shownStderr, fullOutput, ...rest } = result;
    const fullText = wholeText(shownText, fullOutput?.stdout);
    const fullStderr = wholeText(shownStderr ?? '', fullOutput?.stderr);
    const text = normalizeText(this.mask(fullText));
    const stderr = normalizeText(this.mask(fullStderr ?? ''));
    const extra = this.pending.get(cellIndex);
    this.pending.delete(cellIndex);
    const number = ++this.runCount;
    const sidecars: RecordWrite['sidecars'] = [];
    const shown = this.shown(text, number, sidecars);
    const run: RecordedRun = {
      v: 1,
      run: number,
      at: result.startedAt ?? this.now().toISOString(),
      durationMs: result.durationMs ?? 0,
      who: this.options.who,
      ...place,
      result: rest,
      text: shown.recorded,
      ...(stderr ? { stderr: recorded(stderr) } : {}),
      ...(extra?.confirmations.length ? { confirmations: extra.confirmations } : {}),
    };
    const findings = verdictLinesOf(result).map((line) => `- ${escapeMarkdown(line)}`);
    const notes = [...(extra?.notRun ?? [])];
    if (shown.link) notes.push(shown.link);
    const lineCount = shown.text.split('\n').length - (shown.text.endsWith('\n') ? 1 : 0);
    const block = renderRunBlock(
      { run, summary: summaryLine(run), findings, text: shown.text, stderr, notes, fold: lineCount > FOLD_LINES ? `Output: ${lineCount} lines${shown.link ? ' shown' : ''}` : undefined },
      cell,
    );
    const separator = cell.runs === '' && !cell.endsWithEol ? cell.eol : '';
    // A cell whose every command was skipped already has its "skipped" rows.
    if (result.status !== 'skipped') this.events.push({
      kind: 'run', at: run.at, who: run.who, ...place, run: number, cell: cellIndex, commands: commandsOf(result), status: result.status,
      ...(targetWords(result) ? { target: targetWords(result) } : {}),
      ...(result.exitCode !== undefined ? { exitCode: result.exitCode } : {}),
      ...(result.verdict ? { verdict: result.verdict.level } : {}),
    });
    this.addTargets(result);
    await this.write({ cellIndex, text: cell.runs + separator + block }, sidecars);
  }

  /** The text the record shows: all of it, or, past the size limit, its beginning with a link to a sidecar holding all of it. */
  private shown(text: string, run: number, sidecars: RecordWrite['sidecars']): { text: string; recorded: RecordedText; link?: string } {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes <= this.options.maxOutputBytes) return { text, recorded: recorded(text) };
    const name = `${this.options.recordName}.run-${number(run)}.txt`;
    sidecars.push({ name, text });
    let preview = text.split('\n').slice(0, PREVIEW_LINES).join('\n');
    if (Buffer.byteLength(preview, 'utf8') > PREVIEW_BYTES) preview = Buffer.from(preview, 'utf8').subarray(0, PREVIEW_BYTES).toString('utf8').replace(/[^\n]*$/, '').replace(/\uFFFD$/, '');
    if (!preview.endsWith('\n')) preview += '\n';
    const link = `*The output is ${sizeWords(bytes)}; the record shows its beginning. All of it: [${name}](./${encodeURIComponent(name)}).*`;
    return { text: preview, recorded: { ...recorded(preview), sidecar: { path: name, sha256: sha256(text), bytes } }, link };
  }

  private addTargets(result: CellResult): void {
    const known = new Set(this.header.targets.map((t) => `${t.kind}\0${t.label}`));
    for (const target of resultTargets(result)) {
      if (known.has(`${target.kind}\0${target.label}`)) continue;
      const entry: RecordedTarget = { kind: target.kind, label: this.mask(target.label), ...(target.details ? { details: this.options.masker.maskDeep(target.details) } : {}) };
      this.header.targets.push(entry);
    }
  }

  /** Counts each cell's latest verdict. */
  private verdictCounts(): IncidentHeader['verdicts'] {
    const latest = new Map<string | number, string | undefined>();
    for (const e of this.events) if (e.kind === 'run') latest.set(e.cell ?? `${e.step}`, e.verdict);
    const counts = { ok: 0, warning: 0, critical: 0 };
    for (const level of latest.values()) if (level === 'ok' || level === 'warning' || level === 'critical') counts[level]++;
    return counts;
  }

  private write(runs?: RecordWrite['runs'], sidecars: RecordWrite['sidecars'] = []): Promise<void> {
    this.header = { ...this.header, verdicts: this.verdictCounts() };
    return this.target.write({
      ...(runs ? { runs } : {}),
      frontMatter: withHeader(this.target.frontMatter(), this.header),
      timeline: renderTimeline(this.events),
      sidecars,
    });
  }

  private mask(text: string): string {
    return this.options.masker.mask(text);
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}

/** The commands a cell ran, one per entry (the statements of a SQL cell). */
function commandsOf(result: CellResult): string[] {
  const ran = (result.commands ?? []).filter((c) => c.status !== 'skipped').map((c) => oneLine(c.command));
  return ran.length ? ran : [oneLine(result.command)];
}

function recorded(text: string): RecordedText {
  return { sha256: sha256(text), bytes: Buffer.byteLength(text, 'utf8'), eol: text === '' || text.endsWith('\n') };
}

function number(run: number): string {
  return String(run).padStart(3, '0');
}

function sizeWords(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}
