import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StreamSwapApp } from '@streamswap/dapp';
import { type Plugin, createGraphQLError, createYoga } from 'graphql-yoga';
import type { Follower, ProcessedEvent } from '../replica/Follower.js';
import { readerSchema } from '../graphql/schema.js';
import { AnswerCache } from './AnswerCache.js';
import { type Answer, routeAnswer } from './routeAnswer.js';

export interface ReaderServerOptions {
  host?: string;
  port?: number;
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, X-Processed-Input-Index',
};

/**
 * The reader's HTTP API on node:http:
 *   GET /inspect/<route>   every inspect route, the same JSON; ETag + If-None-Match (304), X-Processed-Input-Index
 *   POST|GET /graphql      GraphQL (graphql-yoga)
 *   GET /events            Server-Sent Events: `processed` on each committed input
 *   GET /health            status, lag, last error
 * Reads run on the same thread as the replay, and the replay commits whole inputs synchronously, so a read only
 * ever sees committed state.
 */
export async function startReaderServer(app: StreamSwapApp, follower: Follower, options: ReaderServerOptions = {}) {
  const cache = new AnswerCache<Served>();
  let processedIndex = follower.status().processedInputIndex;
  let indexHeader = String(processedIndex);
  const sse = new Set<http.ServerResponse>();

  const unsubscribe = follower.onProcessed((event: ProcessedEvent) => {
    cache.clear();
    processedIndex = event.index;
    indexHeader = String(event.index);
    const frame = `id: ${event.index}\nevent: processed\ndata: ${JSON.stringify(event)}\n\n`;
    for (const res of sse) res.write(frame);
  });

  const yoga = createYoga({
    schema: readerSchema({ app, processedInputIndex: () => processedIndex }),
    plugins: [limitRootFields(MAX_ROOT_FIELDS)],
    graphqlEndpoint: '/graphql',
    landingPage: false,
    cors: { origin: '*' },
    logging: false,
  });

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/inspect/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Use GET /inspect/<route>.');
      let served = cache.get(url);
      if (served === undefined) {
        let route: string;
        try {
          route = decodeURIComponent(url.slice('/inspect/'.length));
        } catch {
          return plain(res, 400, 'The route is not valid percent-encoding.');
        }
        served = prepare(routeAnswer(app, route), indexHeader);
        cache.set(url, served);
      }
      const match = req.headers['if-none-match'];
      if (match !== undefined && (match === served.etag || match.split(',').some((t) => t.trim().replace(/^W\//, '') === served.etag))) {
        res.writeHead(304, served.notModified);
        return res.end();
      }
      res.writeHead(served.status, served.headers);
      return res.end(req.method === 'HEAD' ? undefined : served.body);
    }
    if (url === '/graphql' || url.startsWith('/graphql?')) {
      // GraphQL over HTTP's own media type: malformed and invalid documents answer 400, not 200 with errors
      // (graphql-yoga keeps 200 for clients that accept only application/json).
      if (!(req.headers.accept ?? '').includes('application/graphql-response+json')) req.headers.accept = 'application/graphql-response+json';
      // Resolvers run synchronously on committed state, so this is the input the whole answer reflects.
      res.setHeader('X-Processed-Input-Index', indexHeader);
      return void yoga(req, res);
    }
    if (url === '/events') {
      res.writeHead(200, { ...CORS, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
      res.write(`retry: 2000\nevent: hello\ndata: ${JSON.stringify({ index: processedIndex })}\n\n`);
      sse.add(res);
      req.on('close', () => sse.delete(res));
      return;
    }
    if (url === '/health') {
      const status = follower.status();
      res.writeHead(status.status === 'diverged' ? 503 : 200, { ...CORS, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      return res.end(JSON.stringify(status));
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...CORS, 'Access-Control-Allow-Methods': 'GET, POST, OPTIONS', 'Access-Control-Allow-Headers': 'Content-Type, If-None-Match' });
      return res.end();
    }
    plain(res, 404, 'Not found. Routes: GET /inspect/<route>, POST|GET /graphql, GET /events, GET /health.');
  });
  server.keepAliveTimeout = 30_000;
  // Heartbeats keep proxies from closing idle event streams.
  const heartbeat = setInterval(() => {
    for (const res of sse) res.write(': keep-alive\n\n');
  }, 15_000);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    cache,
    async close(): Promise<void> {
      unsubscribe();
      clearInterval(heartbeat);
      for (const res of sse) res.end();
      sse.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Reads run on the replay's thread, so one document may not ask for unbounded work: at most this many root fields
 * (aliases count), each list bounded by `first` (at most 500) and a scan limit.
 */
const MAX_ROOT_FIELDS = 16;

function limitRootFields(max: number): Plugin {
  type Node = { kind: string; selectionSet?: { selections: unknown[] } };
  return {
    onValidate({ addValidationRule }) {
      addValidationRule((context: { reportError(error: Error): void }) => ({
        OperationDefinition(node: Node) {
          const count = node.selectionSet?.selections.length ?? 0;
          if (count > max) {
            context.reportError(createGraphQLError(`A query may ask for at most ${max} root fields (aliases included); this one asks for ${count}.`));
          }
        },
      }) as never);
    },
  };
}

/** An answer with its response headers built once (flat [name, value, ...] arrays): a cache hit only writes them. */
interface Served extends Answer {
  headers: string[];
  notModified: string[];
}

function prepare(answer: Answer, index: string): Served {
  const common = [
    'Access-Control-Allow-Origin', '*',
    'Access-Control-Expose-Headers', 'ETag, X-Processed-Input-Index',
    'Cache-Control', 'no-cache',
    'ETag', answer.etag,
    'X-Processed-Input-Index', index,
  ];
  return {
    ...answer,
    headers: [...common, 'Content-Type', 'application/json', 'Content-Length', String(answer.body.length)],
    notModified: common,
  };
}

function plain(res: http.ServerResponse, status: number, message: string): void {
  res.writeHead(status, { ...CORS, 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ error: { code: status === 404 ? 'UNKNOWN_ROUTE' : 'INVALID_PARAMETER', message } }));
}
