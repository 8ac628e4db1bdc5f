// A loopback HTTP proxy in front of s3rver that injects faults on a deterministic schedule:
// chosen UploadPart requests get a 503 SlowDown or have their connection reset.
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What to do with the n-th (1-based) request of a kind. */
export type Fault = 'pass' | '503' | 'reset';

/** Which requests to break. */
export interface FaultSchedule {
  /** Decides the fate of the n-th UploadPart request. */
  uploadPart?: (n: number) => Fault;
  /** Decides the fate of the n-th PutObject (no copy, no part) request. */
  putObject?: (n: number) => Fault;
  /** Decides the fate of the n-th GetObject request. */
  getObject?: (n: number) => Fault;
}

/** A running proxy and what it did. */
export interface FaultProxy {
  endpoint: string;
  counts: { uploadPart: number; putObject: number; getObject: number; faults503: number; resets: number };
  close(): Promise<void>;
}

function kindOf(req: IncomingMessage): keyof Omit<FaultSchedule, never> | null {
  const url = new URL(req.url ?? '/', 'http://proxy');
  const isObject = /^\/[^/]+\/.+/.test(url.pathname);
  if (req.method === 'PUT' && url.searchParams.has('uploadId') && url.searchParams.has('partNumber'))
    return 'uploadPart';
  if (
    req.method === 'PUT' &&
    isObject &&
    !url.searchParams.has('uploadId') &&
    !req.headers['x-amz-copy-source']
  )
    return 'putObject';
  if (req.method === 'GET' && isObject && [...url.searchParams.keys()].every((k) => k === 'x-id'))
    return 'getObject';
  return null;
}

const SLOW_DOWN =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>';

/** Starts the proxy on 127.0.0.1 (random port) forwarding to `target` (http://127.0.0.1:port). */
export async function startFaultProxy(target: string, schedule: FaultSchedule): Promise<FaultProxy> {
  const upstream = new URL(target);
  const counts = { uploadPart: 0, putObject: 0, getObject: 0, faults503: 0, resets: 0 };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const kind = kindOf(req);
    let fault: Fault = 'pass';
    if (kind) {
      counts[kind] += 1;
      fault = schedule[kind]?.(counts[kind]) ?? 'pass';
    }
    if (fault === 'reset') {
      counts.resets += 1;
      req.socket.resetAndDestroy();
      return;
    }
    if (fault === '503') {
      counts.faults503 += 1;
      req.resume();
      req.on('end', () => {
        res.writeHead(503, {
          'content-type': 'application/xml',
          'content-length': Buffer.byteLength(SLOW_DOWN),
        });
        res.end(SLOW_DOWN);
      });
      return;
    }
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    counts,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
