/** Starts the explorer: opens the store (seeding it on first start) and listens. */
import http from 'node:http';
import { createContext, createHandler, warmUp } from './app.js';
import { startupRefusal } from './auth/startup.js';
import { loadConfig } from './config.js';
import { StoreError } from './store/types.js';

/** One line saying why the server cannot listen, naming PORT or HOST. */
function listenProblem(err: NodeJS.ErrnoException, host: string, port: number): string {
  if (err.code === 'EADDRINUSE')
    return `port ${port} is already in use on ${host} (PORT=${port}); stop what uses it or set PORT to a free port.`;
  if (err.code === 'EACCES') return `port ${port} needs privileges on ${host} (PORT=${port}); set PORT to a port above 1023.`;
  if (err.code === 'EADDRNOTAVAIL') return `HOST=${host} is not an address of this machine; set HOST (default 127.0.0.1).`;
  return `cannot listen on ${host}:${port} (HOST=${host}, PORT=${port}): ${err.message}`;
}

async function main() {
  const config = loadConfig();
  let ctx;
  try {
    ctx = await createContext(config);
  } catch (err) {
    if (err instanceof StoreError && err.code === 'STORE_UNAVAILABLE') {
      console.error(
        `Cannot start: ${err.message}\nCheck NEO4J_URI (and NEO4J_USERNAME / NEO4J_PASSWORD), or unset NEO4J_URI to use the embedded store.`,
      );
    } else {
      console.error(`Cannot start: ${(err as Error).message}`);
    }
    process.exit(1);
  }
  const refusal = await startupRefusal(config, ctx.store);
  if (refusal) {
    console.error(refusal);
    await ctx.store.close();
    process.exit(1);
  }
  const server = http.createServer(createHandler(ctx));
  // Only listening can fail here (the port is taken, privileged, or HOST is not this machine's).
  server.on('error', (err: NodeJS.ErrnoException) => {
    console.error(`Cannot start: ${listenProblem(err, config.host, config.port)}`);
    void ctx.store.close().finally(() => process.exit(1));
  });
  server.listen(config.port, config.host, () => {
    const store = ctx.store.engine === 'neo4j' ? `Neo4j at ${config.neo4j?.uri}` : `embedded LadybugDB in ${config.dataDir}`;
    console.log(
      `生物医药产业图谱 ready on ${store}\n  explorer: http://localhost:${config.port}/\n  GraphQL:  http://localhost:${config.port}/graphql`,
    );
    stopWarmUp = warmUp(ctx);
  });
  let stopWarmUp = () => {};
  const stop = () => {
    stopWarmUp();
    server.close();
    void ctx.store.close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
