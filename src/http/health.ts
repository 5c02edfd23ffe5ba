import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import type { Db } from '../../db/connection';

export const HEALTH_PATH = '/healthz';

async function databaseReachable(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/** 200 while the database answers, 503 when it does not; load balancers and operators poll it. */
export function healthHandler(db: Db): (req: IncomingMessage, res: ServerResponse) => void {
  return (_req, res) => {
    void databaseReachable(db).then((ok) => {
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ ok, database: ok ? 'reachable' : 'unreachable' }));
    });
  };
}

/** A bare server for /healthz, for Socket Mode where Bolt serves no HTTP of its own. */
export function startHealthServer(db: Db, port: number): Promise<Server> {
  const handle = healthHandler(db);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET' && path === HEALTH_PATH) return handle(req, res);
    res.writeHead(404).end();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve(server));
  });
}

export function listeningPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
