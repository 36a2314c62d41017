// S3 for the sandbox: s3rver (see s3/server.cjs) with the TikTokToe archive
// bucket and a backups bucket. Objects are stored through s3rver's own store
// before it listens (a thousand PUTs over HTTP take seconds on two cores).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { freePort, ServiceProcess } from './processes';

export const ARCHIVE_BUCKET = 'archive-bucket';
export const BACKUP_BUCKET = 'tiktoktoe-backups';
/** s3rver's default key pair; it checks no signatures, any pair works. */
export const S3_ACCESS_KEY = 'S3RVER';
export const S3_SECRET_KEY = 'S3RVER';
export const S3_REGION = 'us-east-1';

/** Prefixes with a known object count, for listing benchmarks. */
export const BENCH_SMALL_PREFIX = 'bench-10/';
export const BENCH_SMALL_COUNT = 10;
export const BENCH_LARGE_PREFIX = 'bench-1000/';
export const BENCH_LARGE_COUNT = 1000;

export interface S3Server {
  endpoint: string;
  port: number;
  /** Objects per bucket as seeded. */
  objectCounts: Record<string, number>;
  processes: ServiceProcess[];
  stop(): Promise<void>;
}

interface SeedObject {
  bucket: string;
  key: string;
  body: Buffer | string;
  contentType: string;
}

function monthlyArchive(table: string, year: number, month: number): Buffer {
  const mm = String(month).padStart(2, '0');
  const rows = Array.from({ length: 50 }, (_, i) => `${year * 1000 + month * 50 + i},${table},${year}-${mm}-${String(1 + (i % 28)).padStart(2, '0')}T12:00:00Z`);
  return gzipSync(`id,source,created_at\n${rows.join('\n')}\n`);
}

/** What the buckets start with. */
export function seedObjects(): SeedObject[] {
  const out: SeedObject[] = [];
  const gz = 'application/gzip';
  for (const [year, months] of [[2024, 12], [2025, 6]] as const) {
    for (let m = 1; m <= months; m++) {
      const mm = String(m).padStart(2, '0');
      for (const table of ['games', 'game_events']) {
        out.push({ bucket: ARCHIVE_BUCKET, key: `${year}/${table}-${year}-${mm}.csv.gz`, body: monthlyArchive(table, year, m), contentType: gz });
      }
    }
  }
  out.push({
    bucket: ARCHIVE_BUCKET,
    key: 'manifest.json',
    body: JSON.stringify({ retentionDays: 90, tables: ['games', 'game_events'], format: 'csv.gz' }, null, 2),
    contentType: 'application/json',
  });
  for (let i = 0; i < BENCH_SMALL_COUNT; i++) {
    out.push({ bucket: ARCHIVE_BUCKET, key: `${BENCH_SMALL_PREFIX}object-${String(i).padStart(2, '0')}.json`, body: JSON.stringify({ i }), contentType: 'application/json' });
  }
  for (let i = 0; i < BENCH_LARGE_COUNT; i++) {
    out.push({ bucket: ARCHIVE_BUCKET, key: `${BENCH_LARGE_PREFIX}object-${String(i).padStart(4, '0')}.json`, body: JSON.stringify({ i }), contentType: 'application/json' });
  }
  for (const day of ['2025-06-01', '2025-06-08', '2025-06-15']) {
    out.push({ bucket: BACKUP_BUCKET, key: `postgresql/base-${day}.tar.gz`, body: gzipSync(`base backup ${day}\n`), contentType: gz });
  }
  return out;
}

export async function startS3(opts: { dir: string; log?: (line: string) => void }): Promise<S3Server> {
  const logDir = join(opts.dir, 'logs');
  const dataDir = join(opts.dir, 's3');
  mkdirSync(logDir, { recursive: true });
  mkdirSync(dataDir, { recursive: true });
  const script = fileURLToPath(new URL('./s3/server.cjs', import.meta.url));
  const port = await freePort();
  const objects = seedObjects();
  const seedFile = join(opts.dir, 's3-seed.json');
  writeFileSync(
    seedFile,
    JSON.stringify(objects.map((o) => ({ bucket: o.bucket, key: o.key, contentType: o.contentType, base64: Buffer.from(o.body).toString('base64') }))),
  );
  const proc = new ServiceProcess({
    name: 's3rver',
    command: process.execPath,
    args: ['--openssl-legacy-provider', '--no-warnings', script, String(port), dataDir, seedFile, ARCHIVE_BUCKET, BACKUP_BUCKET],
    logFile: join(logDir, 's3rver.log'),
    stopSignal: 'SIGTERM',
    parentDeathSignal: 'KILL',
  });
  const stop = () => proc.stop(3000);
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await proc.waitUntil('s3rver to answer', async () => {
      const res = await fetch(`${endpoint}/`);
      return res.ok ? true : undefined;
    }, { timeoutMs: 30_000 });
    const objectCounts: Record<string, number> = {};
    for (const o of objects) objectCounts[o.bucket] = (objectCounts[o.bucket] ?? 0) + 1;
    opts.log?.(`s3: ${objects.length} objects seeded`);
    return { endpoint, port, objectCounts, processes: [proc], stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
