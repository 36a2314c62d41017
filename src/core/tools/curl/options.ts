// Every option curl 7.88.1 knows, so a line can be told apart as misspelt
// (curl's own "is unknown" or "is ambiguous"), an abbreviation curl accepts
// (`--max-tim` is --max-time), or a real option this runner does not have
// (`--compressed`: run it in a terminal). From `curl --help all`, with the
// undocumented aliases curl 7.88.1 still accepts (ftp-ssl, ftp-ssl-reqd,
// krb4, eprt, epsv).

export type CurlOptionKind = 'value' | 'switch' | 'plain';

/** Options that take a value. */
const VALUE = [
  'abstract-unix-socket', 'alt-svc', 'aws-sigv4', 'cacert', 'capath', 'cert', 'cert-type', 'ciphers', 'config',
  'connect-timeout', 'connect-to', 'continue-at', 'cookie', 'cookie-jar', 'create-file-mode', 'crlfile', 'curves',
  'data', 'data-ascii', 'data-binary', 'data-raw', 'data-urlencode', 'delegation', 'dns-interface', 'dns-ipv4-addr',
  'dns-ipv6-addr', 'dns-servers', 'doh-url', 'dump-header', 'egd-file', 'engine', 'etag-compare', 'etag-save',
  'expect100-timeout', 'form', 'form-string', 'ftp-account', 'ftp-alternative-to-user', 'ftp-method', 'ftp-port',
  'ftp-ssl-ccc-mode', 'happy-eyeballs-timeout-ms', 'header', 'hostpubmd5', 'hostpubsha256', 'hsts', 'interface',
  'json', 'keepalive-time', 'key', 'key-type', 'krb', 'krb4', 'libcurl', 'limit-rate', 'local-port', 'login-options',
  'mail-auth', 'mail-from', 'mail-rcpt', 'max-filesize', 'max-redirs', 'max-time', 'netrc-file', 'noproxy',
  'oauth2-bearer', 'output', 'output-dir', 'parallel-max', 'pass', 'pinnedpubkey', 'preproxy', 'proto',
  'proto-default', 'proto-redir', 'proxy', 'proxy-cacert', 'proxy-capath', 'proxy-cert', 'proxy-cert-type',
  'proxy-ciphers', 'proxy-crlfile', 'proxy-header', 'proxy-key', 'proxy-key-type', 'proxy-pass', 'proxy-pinnedpubkey',
  'proxy-service-name', 'proxy-tls13-ciphers', 'proxy-tlsauthtype', 'proxy-tlspassword', 'proxy-tlsuser',
  'proxy-user', 'proxy1.0', 'pubkey', 'quote', 'random-file', 'range', 'rate', 'referer', 'request', 'request-target',
  'resolve', 'retry', 'retry-delay', 'retry-max-time', 'sasl-authzid', 'service-name', 'socks4', 'socks4a', 'socks5',
  'socks5-gssapi-service', 'socks5-hostname', 'speed-limit', 'speed-time', 'stderr', 'telnet-option', 'tftp-blksize',
  'time-cond', 'tls-max', 'tls13-ciphers', 'tlsauthtype', 'tlspassword', 'tlsuser', 'trace', 'trace-ascii',
  'unix-socket', 'upload-file', 'url', 'url-query', 'user', 'user-agent', 'write-out',
];

/** Switches that `--no-NAME` turns off. */
const SWITCH = [
  'alpn', 'anyauth', 'append', 'basic', 'buffer', 'cert-status', 'clobber', 'compressed', 'compressed-ssh',
  'create-dirs', 'crlf', 'digest', 'disable', 'disable-eprt', 'disable-epsv', 'disallow-username-in-url',
  'doh-cert-status', 'doh-insecure', 'eprt', 'epsv', 'fail', 'fail-early', 'fail-with-body', 'false-start',
  'form-escape', 'ftp-create-dirs', 'ftp-pasv', 'ftp-pret', 'ftp-skip-pasv-ip', 'ftp-ssl', 'ftp-ssl-ccc',
  'ftp-ssl-control', 'ftp-ssl-reqd', 'get', 'globoff', 'haproxy-protocol', 'head', 'http0.9', 'ignore-content-length',
  'include', 'insecure', 'junk-session-cookies', 'keepalive', 'list-only', 'location', 'location-trusted',
  'mail-rcpt-allowfails', 'manual', 'metalink', 'negotiate', 'netrc', 'netrc-optional', 'npn', 'ntlm', 'ntlm-wb',
  'parallel', 'parallel-immediate', 'path-as-is', 'post301', 'post302', 'post303', 'progress-bar', 'progress-meter',
  'proxy-anyauth', 'proxy-basic', 'proxy-digest', 'proxy-insecure', 'proxy-negotiate', 'proxy-ntlm',
  'proxy-ssl-allow-beast', 'proxy-ssl-auto-client-cert', 'proxytunnel', 'raw', 'remote-header-name', 'remote-name',
  'remote-name-all', 'remote-time', 'remove-on-error', 'retry-all-errors', 'retry-connrefused', 'sasl-ir',
  'sessionid', 'show-error', 'silent', 'socks5-basic', 'socks5-gssapi', 'socks5-gssapi-nec', 'ssl', 'ssl-allow-beast',
  'ssl-auto-client-cert', 'ssl-no-revoke', 'ssl-reqd', 'ssl-revoke-best-effort', 'styled-output',
  'suppress-connect-headers', 'tcp-fastopen', 'tcp-nodelay', 'tftp-no-options', 'tr-encoding', 'trace-time',
  'use-ascii', 'verbose', 'version', 'xattr',
];

/** Options without a value or a `--no-` form (`--help` takes an optional topic, which reads as a URL here). */
const PLAIN = [
  'help', 'http1.0', 'http1.1', 'http2', 'http2-prior-knowledge', 'http3', 'http3-only', 'ipv4', 'ipv6', 'next',
  'proxy-tlsv1', 'sslv2', 'sslv3', 'tlsv1', 'tlsv1.0', 'tlsv1.1', 'tlsv1.2', 'tlsv1.3',
];

export const CURL_OPTIONS: ReadonlyMap<string, CurlOptionKind> = new Map([
  ...VALUE.map((name) => [name, 'value'] as const),
  ...SWITCH.map((name) => [name, 'switch'] as const),
  ...PLAIN.map((name) => [name, 'plain'] as const),
]);

/** Single-letter options and the long option each stands for. */
export const CURL_SHORT: Readonly<Record<string, string>> = {
  a: 'append', N: 'buffer', E: 'cert', K: 'config', C: 'continue-at', b: 'cookie', c: 'cookie-jar', d: 'data',
  q: 'disable', D: 'dump-header', f: 'fail', F: 'form', P: 'ftp-port', G: 'get', g: 'globoff', I: 'head',
  H: 'header', h: 'help', '0': 'http1.0', i: 'include', k: 'insecure', '4': 'ipv4', '6': 'ipv6',
  j: 'junk-session-cookies', l: 'list-only', L: 'location', M: 'manual', m: 'max-time', n: 'netrc', ':': 'next',
  o: 'output', Z: 'parallel', '#': 'progress-bar', x: 'proxy', U: 'proxy-user', p: 'proxytunnel', Q: 'quote',
  r: 'range', e: 'referer', J: 'remote-header-name', O: 'remote-name', R: 'remote-time', X: 'request',
  S: 'show-error', s: 'silent', Y: 'speed-limit', y: 'speed-time', '2': 'sslv2', '3': 'sslv3', t: 'telnet-option',
  z: 'time-cond', '1': 'tlsv1', T: 'upload-file', B: 'use-ascii', u: 'user', A: 'user-agent', v: 'verbose',
  V: 'version', w: 'write-out',
};
