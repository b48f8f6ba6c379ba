/** Builds the GraphQL server; tests call yoga.fetch in-process, main.ts only listens. */
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { createYoga } from 'graphql-yoga';
import type { AppContext } from './context.js';
import { maskError } from './errors.js';
import { requestLimits } from './request-limits.js';
import { buildSchema } from './schema.js';

export function buildYoga(ctx: AppContext) {
  return createYoga({
    schema: buildSchema(),
    context: () => ctx,
    graphqlEndpoint: '/graphql',
    maskedErrors: { maskError },
    logging: false,
    landingPage: false,
    plugins: [
      EnvelopArmorPlugin({
        maxDepth: { n: 12 },
        maxAliases: { n: 30 },
        maxDirectives: { n: 20 },
        maxTokens: { n: 2000 },
        // The cost that counts is query-cost.ts's (store calls, list lengths, variables): requestLimits.
        costLimit: { enabled: false },
      }),
      requestLimits(),
    ],
  });
}
