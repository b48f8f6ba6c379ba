import type { AppContext } from '../../context.js';
import { exportSubgraph } from '../../export/export.js';

export function exportSubgraphResolver(_: unknown, args: { ids: string[]; depth: number; format: string }, ctx: AppContext) {
  return exportSubgraph(ctx.store, { ids: args.ids, depth: args.depth, format: args.format, documents: ctx.documents });
}
