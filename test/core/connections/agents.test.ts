// Host mappings on loopback servers, kept in an agent (routed agents) or on
// the request itself (mapped request options, which hold whatever agent ends
// up under the request, as when the extension host puts its own agent under
// every request): a request for a mapped name reaches the mapped address and
// port with the name in its Host header, and over TLS the certificate is
// checked against the name, not the address.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Agent as HttpAgent, createServer, get as httpGet, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { Agent as HttpsAgent, createServer as createHttpsServer, get as httpsGet, request as httpsRequest, type RequestOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import { mappedRequestOptions, parseHostMappings, routedAgent } from '../../../src/core/connections';
import { selfSignedCertificate } from '../../sandbox/kube/tls';

const NAME = 'api.prod.internal';
const cert = selfSignedCertificate(NAME);
const echoHost = (req: IncomingMessage, res: import('node:http').ServerResponse) => res.end(`host ${req.headers.host}${req.url === '/' ? '' : ` path ${req.url}`}`);
const plain: Server = createServer(echoHost);
const secure = createHttpsServer(cert, echoHost);
const port = (s: Server) => (s.address() as AddressInfo).port;

before(async () => {
  await Promise.all([plain, secure].map((s) => new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))));
});
after(() => {
  plain.close();
  secure.close();
});

function fetchText(url: string, agent: import('node:http').Agent, ca?: string): Promise<string> {
  const get = url.startsWith('https:') ? httpsGet : httpGet;
  return new Promise((resolve, reject) => {
    get(url, { agent, ca }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d)).on('end', () => resolve(text));
    }).on('error', reject);
  });
}

describe('routed agents', () => {
  it('send a mapped name to its address and port, with the name as Host', async () => {
    const agent = routedAgent('http:', parseHostMappings(`${NAME}:80=127.0.0.1:${port(plain)}`), { keepAlive: false });
    assert.equal(await fetchText(`http://${NAME}/`, agent), `host ${NAME}`);
    agent.destroy();
  });

  it('check the certificate against the name over TLS', async () => {
    const agent = routedAgent('https:', parseHostMappings(`${NAME}:443=127.0.0.1:${port(secure)}`), { keepAlive: false });
    assert.equal(await fetchText(`https://${NAME}/`, agent, cert.cert), `host ${NAME}`);
    agent.destroy();
  });

  it('refuse a certificate that is not for the name, even when it is for the address', async () => {
    const other = selfSignedCertificate('127.0.0.1');
    const server = createHttpsServer(other, echoHost);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const agent = routedAgent('https:', parseHostMappings(`${NAME}:443=127.0.0.1:${port(server)}`), { keepAlive: false });
    await assert.rejects(fetchText(`https://${NAME}/`, agent, other.cert), (error: NodeJS.ErrnoException) => error.code === 'ERR_TLS_CERT_ALTNAME_INVALID');
    // The same server and CA by its address: the certificate is fine there.
    assert.equal(await fetchText(`https://127.0.0.1:${port(server)}/`, agent, other.cert), `host 127.0.0.1:${port(server)}`);
    agent.destroy();
    server.close();
  });

  it('leave hosts with no mapping alone', async () => {
    const agent = routedAgent('http:', parseHostMappings(`${NAME}:80=127.0.0.1:1`), { keepAlive: false });
    assert.equal(await fetchText(`http://127.0.0.1:${port(plain)}/`, agent), `host 127.0.0.1:${port(plain)}`);
    agent.destroy();
  });
});

function fetchMapped(options: RequestOptions): Promise<string> {
  const request = options.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    request(options, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d)).on('end', () => resolve(text));
    })
      .on('error', reject)
      .end();
  });
}

describe('mapped request options', () => {
  it('send a mapped name to its address and port, with the name as Host and the path and query kept', async () => {
    const options = mappedRequestOptions(new URL(`http://${NAME}/metrics?x=1`), parseHostMappings(`${NAME}:80=127.0.0.1:${port(plain)}`));
    assert.equal(await fetchMapped({ ...options, agent: new HttpAgent() }), `host ${NAME} path /metrics?x=1`);
  });

  it('check the certificate against the name over TLS, whatever agent carries the request', async () => {
    const options = mappedRequestOptions(new URL(`https://${NAME}/health`), parseHostMappings(`${NAME}:443=127.0.0.1:${port(secure)}`));
    for (const agent of [new HttpsAgent({ keepAlive: true }), false as const]) {
      assert.equal(await fetchMapped({ ...options, agent, ca: cert.cert }), `host ${NAME} path /health`);
    }
  });

  it('refuse a certificate that is not for the name, even when it is for the address', async () => {
    const other = selfSignedCertificate('127.0.0.1');
    const server = createHttpsServer(other, echoHost);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const options = mappedRequestOptions(new URL(`https://${NAME}/`), parseHostMappings(`${NAME}:443=127.0.0.1:${port(server)}`));
      await assert.rejects(fetchMapped({ ...options, agent: false, ca: other.cert }), (error: NodeJS.ErrnoException) => error.code === 'ERR_TLS_CERT_ALTNAME_INVALID');
    } finally {
      server.close();
    }
  });

  it('leave a URL with no mapping as it is: its own host, port and Host header', async () => {
    const url = new URL(`http://127.0.0.1:${port(plain)}/x`);
    const options = mappedRequestOptions(url, parseHostMappings(`${NAME}:80=127.0.0.1:1`));
    assert.deepEqual(options, { protocol: 'http:', host: '127.0.0.1', port: port(plain), path: '/x' });
    assert.equal(await fetchMapped({ ...options, agent: false }), `host 127.0.0.1:${port(plain)} path /x`);
  });
});
