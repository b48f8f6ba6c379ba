import type { AppContext } from '../../context.js';
import type { EntityType } from '../../domain/model.js';
import { search } from '../../domain/search.js';
import { checkLimit, checkText } from '../validate.js';

export function searchResolver(_: unknown, args: { text: string; types?: EntityType[] | null; limit: number }, ctx: AppContext) {
  return search(ctx.store, checkText(args.text, 'text'), { types: args.types, limit: checkLimit(args.limit) });
}
