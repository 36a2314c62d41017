// curl's --write-out: %{variable} and %header{name} substitutions and the
// backslash escapes \n \r \t \\, expanded the way curl 7.88 does.

export interface TransferInfo {
  httpCode: number;
  /** Seconds from start, as curl measures them. */
  timeNamelookup: number;
  timeConnect: number;
  timeAppconnect: number;
  timeStarttransfer: number;
  timeTotal: number;
  timeRedirect: number;
  sizeDownload: number;
  sizeHeader: number;
  sizeUpload: number;
  urlEffective: string;
  contentType?: string;
  method: string;
  scheme: string;
  httpVersion: string;
  remoteIp: string;
  remotePort: number;
  numRedirects: number;
  redirectUrl?: string;
  exitCode: number;
  errorMessage: string;
  /** Last response's headers, names lower-case. */
  headers: Record<string, string>;
}

export interface WriteOutResult {
  stdout: string;
  stderr: string;
}

const time = (s: number) => s.toFixed(6);

function variable(name: string, t: TransferInfo): string | undefined {
  switch (name) {
    case 'http_code':
    case 'response_code':
      return String(t.httpCode).padStart(3, '0');
    case 'time_namelookup': return time(t.timeNamelookup);
    case 'time_connect': return time(t.timeConnect);
    case 'time_appconnect': return time(t.timeAppconnect);
    case 'time_pretransfer': return time(t.timeAppconnect || t.timeConnect);
    case 'time_starttransfer': return time(t.timeStarttransfer);
    case 'time_redirect': return time(t.timeRedirect);
    case 'time_total': return time(t.timeTotal);
    case 'size_download': return String(t.sizeDownload);
    case 'size_header': return String(t.sizeHeader);
    case 'size_upload': return String(t.sizeUpload);
    case 'size_request': return '0';
    case 'speed_download': return String(t.timeTotal > 0 ? Math.round(t.sizeDownload / t.timeTotal) : 0);
    case 'speed_upload': return String(t.timeTotal > 0 ? Math.round(t.sizeUpload / t.timeTotal) : 0);
    case 'url_effective': return t.urlEffective;
    case 'url': return t.urlEffective;
    case 'content_type': return t.contentType ?? '';
    case 'method': return t.method;
    case 'scheme': return t.scheme.toUpperCase();
    case 'http_version': return t.httpVersion;
    case 'remote_ip': return t.remoteIp;
    case 'remote_port': return t.remotePort ? String(t.remotePort) : '0';
    case 'num_redirects': return String(t.numRedirects);
    case 'num_connects': return t.remoteIp ? '1' : '0';
    case 'redirect_url': return t.redirectUrl ?? '';
    case 'exitcode': return String(t.exitCode);
    case 'errormsg': return t.errorMessage;
    case 'ssl_verify_result': return '0';
    case 'json': return JSON.stringify(jsonOf(t));
    default: return undefined;
  }
}

function jsonOf(t: TransferInfo): Record<string, string | number> {
  return {
    content_type: t.contentType ?? null as unknown as string, errormsg: t.errorMessage || null as unknown as string, exitcode: t.exitCode,
    http_code: t.httpCode, method: t.method, num_redirects: t.numRedirects, remote_ip: t.remoteIp, remote_port: t.remotePort,
    response_code: t.httpCode, scheme: t.scheme.toUpperCase(), size_download: t.sizeDownload, size_header: t.sizeHeader,
    size_upload: t.sizeUpload, time_appconnect: t.timeAppconnect, time_connect: t.timeConnect, time_namelookup: t.timeNamelookup,
    time_starttransfer: t.timeStarttransfer, time_total: t.timeTotal, url_effective: t.urlEffective,
  };
}

/** Expands a --write-out format; %{stderr} / %{stdout} switch where the rest goes. */
export function expandWriteOut(format: string, t: TransferInfo): WriteOutResult {
  const out: WriteOutResult = { stdout: '', stderr: '' };
  let target: 'stdout' | 'stderr' = 'stdout';
  const put = (s: string) => (out[target] += s);
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c === '%' && format[i + 1] === '%') {
      put('%');
      i++;
    } else if (c === '%' && format[i + 1] === '{') {
      const end = format.indexOf('}', i + 2);
      if (end < 0) {
        put(format.slice(i));
        break;
      }
      const name = format.slice(i + 2, end);
      i = end;
      if (name === 'stderr' || name === 'stdout') {
        target = name;
        continue;
      }
      const value = variable(name, t);
      if (value === undefined) out.stderr += `curl: unknown --write-out variable: '${name}'\n`;
      else put(value);
    } else if (c === '%' && format.startsWith('header{', i + 1)) {
      const end = format.indexOf('}', i + 8);
      if (end < 0) {
        put(format.slice(i));
        break;
      }
      put(t.headers[format.slice(i + 8, end).toLowerCase()] ?? '');
      i = end;
    } else if (c === '\\' && i + 1 < format.length) {
      const e = format[i + 1];
      const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\' };
      if (e in map) {
        put(map[e]);
        i++;
      } else put(c);
    } else {
      put(c);
    }
  }
  return out;
}
