// The shapes thresholds, measurements and verdicts take. Plain data only: the
// engine, the CLI (`runbook check`), the VS Code layer and the renderer
// (browser) all read them.

export type Level = 'ok' | 'warning' | 'critical';

/** Which system a threshold group is about. */
export type Component = 'kubernetes' | 'postgres' | 'redis' | 'http';

/** A group of thresholds: the YAML block under one heading (`### Database`). */
export interface ThresholdGroup {
  /** The heading text as written: `Application Servers`. */
  name: string;
  component: Component;
  /**
   * What the group measures, by component: `{kubernetes: 'deployment/tiktok-toe', postgres: 'primary'}`.
   * From front matter when given there, otherwise the default (see docs/thresholds.md).
   * `kubernetes` is a comma-separated list of `deployment/NAME`, `statefulset/NAME`, `daemonset/NAME`,
   * `pod/GLOB` (`*` matches any run of characters) or `*` (every pod no other group claims).
   */
  binding?: Record<string, string>;
  /** Where the binding came from. */
  bindingSource?: 'front-matter' | 'default';
  /** Index of the YAML cell (in the notebook's cell list) the group came from. */
  cellIndex: number;
  metrics: MetricThreshold[];
}

/** One bound: `85%`, `<70%`, `1000/sec`, `3`. */
export interface Bound {
  value: number;
  /** '%' (value 0-100), '/sec' (`60/min` is stored as 1/sec), 's' (`500ms` is 0.5), or '' for a plain number. */
  unit: '%' | '/sec' | '' | 's';
  /** 'above': the bound is crossed when the measurement is >= value (the default); 'below': `<85%`. */
  direction: 'above' | 'below';
  /** Written `>` or `<` (crossed only beyond the value); absent for `>=`, `<=` and bare values (crossed at the value). `<85%` is strict. */
  strict?: boolean;
  /** As written in the runbook: `<85%`. */
  text: string;
}

export interface MetricThreshold {
  group: string;
  component: Component;
  /** The metric name as written: `cpu`, `memory`, `requests`, `connections`, `storage`, `hits`. */
  metric: string;
  /** The canonical metric it measures (`hit_rate` and `hits` are both `hits`); Measurement.metric uses these. */
  measures?: string;
  warning?: Bound;
  critical?: Bound;
  /** How long a breach must last before it is sustained (`5m` is 300000). */
  durationMs?: number;
  durationText?: string;
  /** Where the metric's key is in the YAML cell, for diagnostics and links. */
  cellIndex: number;
  line: number;
}

/** A problem in a threshold block, shown as a diagnostic on the YAML cell. Never aborts a run. */
export interface ThresholdDiagnostic {
  cellIndex: number;
  /** Zero-based line and columns inside the cell's text. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning';
  /** Says what was wrong and what was expected. */
  message: string;
}

/**
 * Where a table row is printed in its command's output: on line `headerLines + index` counted from the
 * line the command's output began (CommandResult.outputLine).
 */
export interface RowRef {
  /** The row's index among the rows printed together (a table, a watch event's rows, top's pods). */
  index: number;
  /** Lines the command printed before those rows: headers, and earlier tables and their rows. */
  headerLines: number;
}

/** One value a cell measured, for one subject (a pod, a database, a Redis server). */
export interface Measurement {
  component: Component;
  /** Matches MetricThreshold.metric: `cpu`, `memory`, `connections`, `storage`, `hits`, `replicas`, `response_time`, ... */
  metric: string;
  /** In the threshold's unit: percent 0-100 for '%', per second for '/sec'. */
  value: number;
  unit: '%' | '/sec' | '' | 's';
  /**
   * What was measured: the pod, HPA or PVC a table row is about (`tiktok-toe-86f8994c75-5nl92`,
   * `data-postgresql-0`), otherwise the target: `tiktoktoe` (database), `127.0.0.1:6379` (Redis), a URL.
   */
  subject: string;
  /** The table row it was read from (kubectl top pods, get pods, get hpa, get pvc), so the renderer can mark it. */
  row?: RowRef;
  /** How the value was derived, for tooltips: `412m of 500m requested`. */
  detail?: string;
  /** The group whose threshold judged it (absent when no threshold applies). */
  group?: string;
  /** The level this measurement crosses for that threshold (absent when no threshold applies). */
  level?: Level;
  /** Index of the command in CellResult.commands it came from. */
  command?: number;
}

/** A built-in health finding that needs no threshold: CrashLoopBackOff, not ready, at maxReplicas. */
export interface Finding {
  component: Component;
  level: Level;
  /** As for Measurement.subject: a pod or HPA name, or a URL. */
  subject: string;
  /** The table row it was read from, as for Measurement.row. */
  row?: RowRef;
  /** Index of the command in CellResult.commands it came from. */
  command?: number;
  message: string;
  /** The group the subject belongs to, when one does. */
  group?: string;
}

export interface Verdict {
  group: string;
  metric: string;
  level: Level | 'not-measured';
  /** The worst measurement for this threshold (absent when not measured). */
  measurement?: Measurement;
  /** The bound that was crossed. */
  bound?: Bound;
  /** True once the breach has lasted the threshold's duration (always true without a duration, false when ok). */
  sustained: boolean;
  /** When this breach was first seen in the session (ISO time). */
  since?: string;
  /** The highest level whose breach has lasted the duration (what `runbook check --sustained` counts). */
  sustainedLevel?: Level;
  /** When the measurement was judged (ISO time). */
  at?: string;
  /** For `not-measured`: what would measure it. */
  reason?: string;
  /** For people: `critical — not yet sustained (5m): cpu 91% of requests on pod/x (critical ≥ 85%)`. */
  text: string;
}

export interface CellVerdict {
  /** Highest level among verdicts and findings; 'ok' when the cell measured something and nothing is breached. */
  level: Level;
  verdicts: Verdict[];
  findings: Finding[];
  measurements: Measurement[];
}
