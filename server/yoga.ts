/** Builds the GraphQL server; tests call yoga.fetch in-process, main.ts only listens. */
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { createYoga } from 'graphql-yoga';
import { Auth } from './auth/service.js';
import { authContext, authPlugin, requestInfo, type AuthServerContext } from './auth/yoga-plugin.js';
import type { AppContext } from './context.js';
import { maskError } from './errors.js';
import { requestLimits } from './request-limits.js';
import { responseCache } from './response-cache.js';
import { buildSchema } from './schema.js';

/** `auth`: one per server (createHandler shares it with the HTTP routes); tests pass one with their clock. */
export function buildYoga(ctx: AppContext, opts: { auth?: Auth } = {}) {
  const auth = opts.auth ?? new Auth(ctx.store, ctx.config);
  // Graph reads' answers, per instance; off on Neo4j (other servers write) and with RESPONSE_CACHE=0.
  const cache = ctx.config.responseCache ? responseCache(ctx.store, auth) : null;
  return createYoga<AuthServerContext>({
    schema: buildSchema(),
    context: authContext(ctx, auth),
    graphqlEndpoint: '/graphql',
    maskedErrors: { maskError },
    logging: false,
    landingPage: false,
    // Operations come only as application/json POSTs (authPlugin); CORS is createHandler's, from CORS_ORIGINS.
    multipart: false,
    cors: false,
    // GraphiQL (and introspection, authPlugin) for admins and local mode only.
    graphiql: async (request, server) => {
      const caller = await auth.resolveCaller(requestInfo(request, server ?? {})).catch(() => null);
      return caller?.localMode || caller?.role === 'admin' ? { title: '生物医药产业图谱 GraphQL' } : false;
    },
    plugins: [
      EnvelopArmorPlugin({
        maxDepth: { n: 12 },
        maxAliases: { n: 30 },
        maxDirectives: { n: 20 },
        maxTokens: { n: 2000 },
        // The cost that counts is query-cost.ts's (store calls, list lengths, variables): requestLimits.
        costLimit: { enabled: false },
      }),
      authPlugin(),
      requestLimits(),
      // Last: a miss runs every check above first; a hit is answered before them (why that is safe: response-cache.ts).
      ...(cache ? [cache] : []),
    ],
  });
}
