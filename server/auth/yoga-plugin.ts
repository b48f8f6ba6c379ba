/**
 * The auth layer of the GraphQL endpoint (graphql-yoga): the per-request context (the caller from
 * the proxy header, session cookie or local mode), and a plugin that
 * - executes operations only from `application/json` POSTs (no GET, no form or multipart: a page
 *   elsewhere can send those without a CORS preflight),
 * - answers 401 UNAUTHENTICATED for the whole request when an anonymous caller (accounts on) asks
 *   for anything but `me` and `login`,
 * - refuses introspection except to admins and in local mode,
 * - answers 403 when every root field was refused for the caller's role,
 * - sets the cookies login and logout asked for.
 */
import type { IncomingMessage } from 'node:http';
import {
  getOperationAST,
  GraphQLError,
  Kind,
  visit,
  type DocumentNode,
  type ExecutionResult,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import type { AppContext } from '../context.js';
import { toApiError } from '../error-codes.js';
import type { Caller, RequestInfo } from './caller.js';
import { AuthError } from './errors.js';
import { accessOf } from './permissions.js';
import type { Auth } from './service.js';

/** What a Node server (`req`) or an in-process caller (`peer`) hands yoga as server context. */
export interface AuthServerContext {
  req?: IncomingMessage;
  /** The client address of an in-process request (tests); HTTP requests use the socket's. */
  peer?: string;
}

export function requestInfo(request: Request, server: AuthServerContext): RequestInfo {
  return { header: (name) => request.headers.get(name), peer: server.req?.socket.remoteAddress ?? server.peer ?? null };
}

const callers = new WeakMap<Request, { service: Auth; caller: Promise<Caller> }>();

/**
 * The caller of a request, resolved once however many parts of the request ask (the response cache
 * before yoga's context, then the context): resolving reads the session and may write (a touch).
 */
export function requestCaller(service: Auth, request: Request, server: AuthServerContext): Promise<Caller> {
  const known = callers.get(request);
  if (known?.service === service) return known.caller;
  const caller = service.resolveCaller(requestInfo(request, server));
  callers.set(request, { service, caller });
  return caller;
}

/** The yoga context factory: the long-lived context plus this request's caller. */
export function authContext(ctx: AppContext, service: Auth) {
  return async (initial: YogaInitialContext & AuthServerContext): Promise<AppContext> => {
    const info = requestInfo(initial.request, initial);
    const scope = { service, request: info, cookies: [] as string[], failure: null as unknown };
    try {
      return { ...ctx, caller: await requestCaller(service, initial.request, initial), auth: scope };
    } catch (err) {
      return { ...ctx, caller: undefined, auth: { ...scope, failure: err } };
    }
  };
}

export interface RootFields {
  names: string[];
  /** No root field carries a directive and every fragment spread is defined. */
  plain: boolean;
}

/**
 * Root field names of a selection set, through fragments (each fragment once: a document need not be
 * validated, and a cycle of fragments ends). The auth checks and the response cache's allow-list both
 * read it.
 */
export function rootFields(document: DocumentNode, set: SelectionSetNode): RootFields {
  const out: RootFields = { names: [], plain: true };
  const seen = new Set<string>();
  const walk = (selections: SelectionSetNode) => {
    for (const s of selections.selections) {
      if (s.kind === Kind.FIELD) {
        out.names.push(s.name.value);
        if (s.directives?.length) out.plain = false;
      } else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === s.name.value);
        if (fragment?.kind === Kind.FRAGMENT_DEFINITION) walk(fragment.selectionSet);
        else out.plain = false;
      }
    }
  };
  walk(set);
  return out;
}

const rootType = (op: OperationDefinitionNode) => ({ query: 'Query', mutation: 'Mutation', subscription: 'Subscription' })[op.operation];

/** A whole-request refusal; the status rides on the result's extensions, which yoga strips from the body. */
const refusal = (status: number, errors: { message: string; extensions: Record<string, unknown> }[]): ExecutionResult => ({
  errors: errors.map((e) => new GraphQLError(e.message, { extensions: e.extensions })),
  extensions: { http: { status } },
});

/** `__schema` or `__type` anywhere in the document (graphql's NoSchemaIntrospectionCustomRule, without its schema check). */
function introspects(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
}

function isRoleDenial(error: GraphQLError): boolean {
  let e: unknown = error;
  while (e instanceof Error && !(e instanceof AuthError) && (e as GraphQLError).originalError) e = (e as GraphQLError).originalError;
  if (e instanceof AuthError) return e.code === 'FORBIDDEN';
  return error.extensions?.code === 'FORBIDDEN' && error.extensions?.reason === 'ROLE';
}

/** Every root field refused for the caller's role, and nothing else went wrong. */
function allDenied(result: ExecutionResult): boolean {
  if (!result.errors?.length || !result.errors.every((e) => e.path?.length === 1 && isRoleDenial(e))) return false;
  return !result.data || Object.values(result.data).every((v) => v === null);
}

const JSON_TYPE = /^application\/json\s*(;|$)/i;

export function authPlugin(): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      // GraphiQL's page (GET, text/html) is answered before this by yoga, when the caller may see it.
      if (request.method !== 'POST') {
        return endResponse(
          new fetchAPI.Response('Send GraphQL as a POST with content-type application/json.', { status: 405, headers: { allow: 'POST' } }),
        );
      }
      if (!JSON_TYPE.test(request.headers.get('content-type') ?? '')) {
        return endResponse(new fetchAPI.Response('Send GraphQL with content-type application/json.', { status: 415 }));
      }
    },
    onExecute({ args, setResultAndStopExecution }) {
      const ctx = args.contextValue as unknown as AppContext;
      if (ctx.auth?.failure) {
        const api = toApiError(ctx.auth.failure);
        setResultAndStopExecution({ data: null, errors: [new GraphQLError(api.message, { extensions: { code: api.code } })] });
        return;
      }
      const caller = ctx.caller;
      const op = getOperationAST(args.document, args.operationName);
      if (!caller || !op) return;
      const type = rootType(op);
      if (caller.role === null && rootFields(args.document, op.selectionSet).names.some((f) => accessOf(type, f) !== 'public')) {
        setResultAndStopExecution(
          refusal(401, [{ message: 'Sign in first.', extensions: { code: 'UNAUTHENTICATED', reason: 'NO_SESSION' } }]),
        );
        return;
      }
      if (!caller.localMode && caller.role !== 'admin' && introspects(args.document)) {
        const extensions = { code: 'FORBIDDEN', reason: 'INTROSPECTION', requiredRole: 'admin' };
        setResultAndStopExecution(refusal(403, [{ message: 'Introspection is for admins only.', extensions }]));
        return;
      }
      return {
        onExecuteDone({ result, setResult }) {
          if (!('errors' in result || 'data' in result)) return; // a stream: nothing here streams
          const cookie = ctx.auth?.cookies.at(-1);
          const http = { ...(cookie ? { headers: { 'set-cookie': cookie } } : {}), ...(allDenied(result) ? { status: 403 } : {}) };
          if (Object.keys(http).length) setResult({ ...result, extensions: { ...result.extensions, http } });
        },
      };
    },
  };
}
