// Deterministic container logs: a startup burst, then one line every few seconds
// since the container started, mostly INFO with some WARN and ERROR lines (more
// of them in the warning and critical scenarios). Same pod, same lines.
import type { Scenario } from '../scenario';
import { fnv32a, type Json, type KubeObject } from './util';

export interface LogLine {
  at: number;
  text: string;
}

type Profile = 'app' | 'postgres' | 'redis' | 'generic';
type Level = 'INFO' | 'WARN' | 'ERROR';

export const LINE_INTERVAL_MS = 2000;
const MAX_LINES = 3000;

function profileOf(pod: KubeObject): Profile {
  const app = pod.metadata.labels?.app ?? '';
  if (app.startsWith('tiktok-toe')) return 'app';
  if (app.startsWith('postgres')) return 'postgres';
  if (app.startsWith('redis')) return 'redis';
  return 'generic';
}

/** A small deterministic PRNG (mulberry32) per (pod, line). */
function rand(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: T[]): T => xs[Math.floor(r() * xs.length)];

const MESSAGES: Record<Profile, Record<Level, ((r: () => number) => string)[]>> = {
  app: {
    INFO: [
      (r) => `[http] GET /api/v1/games/${Math.floor(r() * 90000) + 10000} 200 ${Math.floor(r() * 40) + 3}ms`,
      (r) => `[http] POST /api/v1/games/${Math.floor(r() * 90000) + 10000}/moves 201 ${Math.floor(r() * 60) + 5}ms`,
      (r) => `[matchmaking] paired players p-${Math.floor(r() * 9999)} and p-${Math.floor(r() * 9999)}`,
      (r) => `[ws] client connected (${Math.floor(r() * 800) + 100} active)`,
      () => '[http] GET /health 200 1ms',
    ],
    WARN: [
      (r) => `[db] slow query on games took ${Math.floor(r() * 900) + 300}ms`,
      (r) => `[cache] redis latency ${Math.floor(r() * 80) + 20}ms above 15ms budget`,
      (r) => `[ratelimit] client 10.0.${Math.floor(r() * 255)}.${Math.floor(r() * 255)} throttled`,
    ],
    ERROR: [
      (r) => `[http] POST /api/v1/games/${Math.floor(r() * 90000) + 10000}/moves 500 upstream timeout after 3000ms`,
      () => '[db] connection pool exhausted (max=20), request rejected',
      () => '[cache] redis: connection reset by peer',
    ],
  },
  postgres: {
    INFO: [
      (r) => `LOG:  duration: ${(r() * 20).toFixed(3)} ms  statement: SELECT * FROM games WHERE id = $1`,
      (r) => `LOG:  checkpoint complete: wrote ${Math.floor(r() * 900)} buffers (${(r() * 5).toFixed(1)}%)`,
      () => 'LOG:  connection authorized: user=app database=tiktoktoe',
    ],
    WARN: [(r) => `WARNING:  ${Math.floor(r() * 20) + 80}% of max_connections in use`],
    ERROR: [
      () => 'ERROR:  canceling statement due to statement timeout',
      () => 'ERROR:  duplicate key value violates unique constraint "moves_pkey"',
    ],
  },
  redis: {
    INFO: [(r) => `* ${Math.floor(r() * 900) + 100} changes in 300 seconds. Saving...`, () => '* Background saving terminated with success'],
    WARN: [() => '# WARNING: used_memory is above 75% of maxmemory'],
    ERROR: [() => '# Error trying to rename the temporary AOF file: No space left on device'],
  },
  generic: {
    INFO: [(r) => `worker tick ${Math.floor(r() * 1e6)}`],
    WARN: [() => 'retrying after transient failure'],
    ERROR: [() => 'request failed: context deadline exceeded'],
  },
};

const STARTUP: Record<Profile, [Level, string][]> = {
  app: [
    ['INFO', '[boot] tiktok-toe api starting (NODE_ENV=production)'],
    ['INFO', '[config] loaded app-config (CIRCUIT_BREAKER_ENABLED from environment)'],
    ['ERROR', '[db] connect ECONNREFUSED postgresql:5432, retrying in 1s'],
    ['WARN', '[db] retry 1/5 succeeded after 1012ms'],
    ['INFO', '[cache] connected to redis:6379'],
    ['INFO', '[http] listening on :8080'],
  ],
  postgres: [
    ['INFO', 'LOG:  starting PostgreSQL 15.7 on x86_64-pc-linux-gnu'],
    ['INFO', 'LOG:  listening on IPv4 address "0.0.0.0", port 5432'],
    ['INFO', 'LOG:  database system is ready to accept connections'],
  ],
  redis: [
    ['INFO', '* Redis version=7.2.5, bits=64, commit=00000000, modified=0, pid=1, just started'],
    ['INFO', '* Ready to accept connections tcp'],
  ],
  generic: [['INFO', 'started']],
};

function format(profile: Profile, level: Level, at: number, message: string): string {
  const iso = new Date(at).toISOString();
  if (profile === 'postgres') return `${iso.replace('T', ' ').replace('Z', '')} UTC [${57}] ${message}`;
  if (profile === 'redis') return `1:M ${new Date(at).toUTCString().slice(5, 25)}.${iso.slice(20, 23)} ${message}`;
  return `${iso} ${level.padEnd(5)} ${message}`;
}

function errorRate(s: Scenario): number {
  return s.name === 'critical' ? 0.15 : s.name === 'warning' ? 0.06 : 0.02;
}

/** The steady-state line with index `i` (deterministic per pod). */
export function steadyLine(pod: KubeObject, seed: string, scenario: Scenario, start: number, i: number): LogLine {
  const profile = profileOf(pod);
  const r = rand(fnv32a(`${seed}#${i}`));
  const roll = r();
  const level: Level = roll < errorRate(scenario) ? 'ERROR' : roll < errorRate(scenario) + 0.08 ? 'WARN' : 'INFO';
  const at = start + 1000 + i * LINE_INTERVAL_MS;
  return { at, text: format(profile, level, at, pick(r, MESSAGES[profile][level])(r)) };
}

export interface ContainerRun {
  start: number;
  end: number;
  seed: string;
  /** The run ended in a crash (the previous container of a restarted pod). */
  crashed: boolean;
}

/**
 * A pod annotated with a line count has a chatty container: that many steady lines from its start, however long it has
 * run, none trimmed (for tests and benches of large outputs, on a pod of their own).
 */
export const LOG_LINES_ANNOTATION = 'sandbox.runbook/log-lines';

function chattyLines(pod: KubeObject): number | undefined {
  const count = Number(pod.metadata.annotations?.[LOG_LINES_ANNOTATION]);
  return Number.isInteger(count) && count > 0 ? count : undefined;
}

/** All lines of one container run up to `end`, the oldest trimmed past MAX_LINES (a chatty pod's: all of them). */
export function linesOf(pod: KubeObject, run: ContainerRun, scenario: Scenario): LogLine[] {
  const profile = profileOf(pod);
  const chatty = chattyLines(pod);
  const total = chatty ?? Math.max(0, Math.floor((run.end - run.start - 1000) / LINE_INTERVAL_MS) + 1);
  const first = chatty ? 0 : Math.max(0, total - MAX_LINES);
  const lines: LogLine[] = [];
  if (first === 0) {
    STARTUP[profile].forEach(([level, msg], k) => {
      const at = run.start + k * 40;
      lines.push({ at, text: format(profile, level, at, msg) });
    });
  }
  for (let i = first; i < total; i++) lines.push(steadyLine(pod, run.seed, scenario, run.start, i));
  if (run.crashed) lines.push({ at: run.end, text: format(profile, 'ERROR', run.end, 'fatal: JavaScript heap out of memory') });
  return lines;
}

export function containerStatusOf(pod: KubeObject, container: string): Json {
  return (pod.status?.containerStatuses ?? []).find((c: Json) => c.name === container);
}
