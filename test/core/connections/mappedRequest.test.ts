// Requests that carry their host mapping themselves, on loopback servers: a
// mapped name reaches the mapped address and port with the name as Host, and
// over TLS the certificate is checked against the name. The mapping holds
// whatever agent ends up under the request, as when the extension host puts
// its own agent under every request.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Agent as HttpAgent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Agent as HttpsAgent, createServer as createHttpsServer, request as httpsRequest, type RequestOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import { mappedRequestOptions, parseHostMappings } from '../../../src/core/connections';
import { selfSignedCertificate } from '../../sandbox/kube/tls';

const NAME = 'api.prod.internal';
const cert = selfSignedCertificate(NAME);
const echo = (req: IncomingMessage, res: ServerResponse) => res.end(`host ${req.headers.host} path ${req.url}`);
const plain: Server = createServer(echo);
const secure = createHttpsServer(cert, echo);
const port = (s: Server) => (s.address() as AddressInfo).port;

before(async () => {
  await Promise.all([plain, secure].map((s) => new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))));
});
after(() => {
  plain.close();
  secure.close();
});

function fetchText(options: RequestOptions): Promise<string> {
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
    assert.equal(await fetchText({ ...options, agent: new HttpAgent() }), `host ${NAME} path /metrics?x=1`);
  });

  it('check the certificate against the name over TLS, whatever agent carries the request', async () => {
    const options = mappedRequestOptions(new URL(`https://${NAME}/health`), parseHostMappings(`${NAME}:443=127.0.0.1:${port(secure)}`));
    for (const agent of [new HttpsAgent({ keepAlive: true }), false as const]) {
      assert.equal(await fetchText({ ...options, agent, ca: cert.cert }), `host ${NAME} path /health`);
    }
  });

  it('refuse a certificate that is not for the name, even when it is for the address', async () => {
    const other = selfSignedCertificate('127.0.0.1');
    const server = createHttpsServer(other, echo);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const options = mappedRequestOptions(new URL(`https://${NAME}/`), parseHostMappings(`${NAME}:443=127.0.0.1:${port(server)}`));
      await assert.rejects(fetchText({ ...options, agent: false, ca: other.cert }), (error: NodeJS.ErrnoException) => error.code === 'ERR_TLS_CERT_ALTNAME_INVALID');
    } finally {
      server.close();
    }
  });

  it('leave a URL with no mapping as it is: its own host, port and Host header', async () => {
    const url = new URL(`http://127.0.0.1:${port(plain)}/x`);
    const options = mappedRequestOptions(url, parseHostMappings(`${NAME}:80=127.0.0.1:1`));
    assert.deepEqual(options, { protocol: 'http:', host: '127.0.0.1', port: port(plain), path: '/x' });
    assert.equal(await fetchText({ ...options, agent: false }), `host 127.0.0.1:${port(plain)} path /x`);
  });
});
