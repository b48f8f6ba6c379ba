import { exportSubgraph } from '../../export/export.js';
import type { QueryResolver } from '../types.js';

export const exportSubgraphResolver: QueryResolver<'exportSubgraph'> = (_, args, ctx) =>
  exportSubgraph(ctx.store, { ids: args.ids, depth: args.depth, format: args.format, documents: ctx.documents, lang: args.lang });
