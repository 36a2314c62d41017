// The TikTokToe API's health endpoint (and /metrics, app-metrics.ts) over HTTPS, with a certificate
// authority made for this sandbox (openssl CLI) that signs a certificate for
// api.tiktok-toe.com, localhost and 127.0.0.1.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { join } from 'node:path';
import { metricsText, PROMETHEUS_CONTENT_TYPE } from './app-metrics';
import { wallClock, type Clock } from './clock';
import type { Scenario } from './scenario';
import { freePort } from './processes';

export const API_HOST = 'api.tiktok-toe.com';

export interface Certificates {
  caFile: string;
  certFile: string;
  keyFile: string;
}

export interface HealthServer {
  port: number;
  /** https://127.0.0.1:PORT */
  url: string;
  stop(): Promise<void>;
}

/** A CA and a server certificate (P-256 keys, valid 30 days). */
export async function makeCertificates(dir: string): Promise<Certificates> {
  const tlsDir = join(dir, 'tls');
  mkdirSync(tlsDir, { recursive: true });
  const caFile = join(tlsDir, 'ca.crt');
  const caKey = join(tlsDir, 'ca.key');
  const certFile = join(tlsDir, 'server.crt');
  const keyFile = join(tlsDir, 'server.key');
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const run = (args: string[]) => promisify(execFile)('openssl', args);
  await run([
    'req', '-x509', ...ec, '-keyout', caKey, '-out', caFile, '-days', '30',
    '-subj', '/O=Runbook Notebooks sandbox/CN=Runbook Sandbox CA',
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  await run([
    'req', '-x509', ...ec, '-keyout', keyFile, '-out', certFile, '-days', '30',
    '-CA', caFile, '-CAkey', caKey,
    '-subj', `/O=TikTokToe/CN=${API_HOST}`,
    '-addext', `subjectAltName=DNS:${API_HOST},DNS:localhost,IP:127.0.0.1`,
    '-addext', 'basicConstraints=critical,CA:FALSE',
    '-addext', 'keyUsage=critical,digitalSignature',
    '-addext', 'extendedKeyUsage=serverAuth',
  ]);
  return { caFile, certFile, keyFile };
}

/** `clock`: what the uptime is counted on (default: the wall clock). */
export async function startHealthServer(opts: { certs: Certificates; scenario: Scenario; clock?: Clock }): Promise<HealthServer> {
  const clock = opts.clock ?? wallClock;
  const started = clock();
  const server: Server = createServer(
    { key: readFileSync(opts.certs.keyFile), cert: readFileSync(opts.certs.certFile) },
    (req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      const send = (status: number, body: unknown) => {
        const text = `${JSON.stringify(body)}\n`;
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : text);
      };
      if (path === '/health' && (req.method === 'GET' || req.method === 'HEAD')) {
        send(200, {
          status: 'ok',
          service: 'tiktok-toe-api',
          version: '2.4.1',
          scenario: opts.scenario.name,
          uptimeSeconds: Math.round((clock() - started) / 1000),
          checks: { database: 'ok', cache: 'ok', storage: 'ok' },
        });
      } else if (path === '/metrics' && (req.method === 'GET' || req.method === 'HEAD')) {
        const text = metricsText(opts.scenario, started, clock);
        res.writeHead(200, { 'content-type': PROMETHEUS_CONTENT_TYPE, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : text);
      } else {
        send(404, { error: 'not found', path });
      }
    },
  );
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  let stopped = false;
  return {
    port,
    url: `https://127.0.0.1:${port}`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
