import { search } from '../../domain/search.js';
import { checkLimit, checkText } from '../../domain/validate.js';
import { selectedFields } from '../selection.js';
import type { QueryResolver } from '../types.js';

export const searchResolver: QueryResolver<'search'> = (_, args, ctx, info) =>
  search(ctx.store, checkText(args.text, 'text'), {
    types: args.types,
    limit: checkLimit(args.limit),
    fields: selectedFields(info, []),
  });
