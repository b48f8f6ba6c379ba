/** Resolver types generated from the SDL (npm run codegen): a resolver that drifts from the schema fails tsc. */
import type { QueryResolvers } from '../generated/resolvers-types.js';

/** The resolver of one Query field, as the schema types it. */
export type QueryResolver<K extends keyof QueryResolvers> = NonNullable<QueryResolvers[K]>;
