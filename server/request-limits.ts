/**
 * Limits of one request. A GraphQL request's (a yoga plugin) are applied as it starts to execute:
 * - its estimated cost (query-cost.ts, with the request's variables) above MAX_QUERY_COST is refused
 *   with BAD_USER_INPUT before anything runs;
 * - it gets a deadline, REQUEST_TIMEOUT_MS from now: its resolvers see a store that starts no
 *   statement after it (TIMEOUT), stops a running one by then, and names the caller (`actor`) so
 *   analyst queries are limited per user.
 * GET /export gets the same deadline and actor through `requestStore`.
 * Writes are not bound by the deadline: they are short, serialised, and what a request has written
 * (an audit record of its own timeout) must not be cut off.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { AppContext } from './context.js';
import { operationCost } from './query-cost.js';
import { withRequestLimits, type GraphStore } from './store/index.js';

/** Who is asking, for the per-user limits: the account, else the client's address. */
function actorOf(ctx: AppContext): string {
  const caller = ctx.caller;
  return caller?.actor ?? (caller?.clientAddress ? `address ${caller.clientAddress}` : 'anonymous');
}

/** The store as a request starting now sees it: reads stop REQUEST_TIMEOUT_MS from now (0 = never), on the caller's budget. */
export function requestStore(ctx: AppContext): GraphStore {
  const deadline = ctx.config.requestTimeoutMs > 0 ? Date.now() + ctx.config.requestTimeoutMs : undefined;
  return withRequestLimits(ctx.store, { deadline, actor: actorOf(ctx) });
}

export function requestLimits(): Plugin<AppContext> {
  return {
    onExecute({ args, context, extendContext, setResultAndStopExecution }) {
      const { config } = context;
      const cost = operationCost(args.schema, args.document, args.variableValues as Record<string, unknown>, args.operationName);
      if (cost > config.maxQueryCost) {
        const message = `This request would cost about ${cost}, more than the ${config.maxQueryCost} allowed: ask for fewer nested relations or smaller limits.`;
        setResultAndStopExecution({
          errors: [new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', cost, maxCost: config.maxQueryCost } })],
        });
        return;
      }
      extendContext({ store: requestStore(context) });
    },
  };
}
