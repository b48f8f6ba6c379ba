/** What the concurrent-editor contract tests share: outcomes of calls sent at once, tallied, and a company to edit. */
import { createEntity } from '../../server/domain/curation/entities.js';
import type { ChangeAuthor, SourceInput } from '../../server/domain/curation/types.js';
import { DomainError } from '../../server/domain/errors.js';
import type { GraphStore } from '../../server/store/types.js';

/** Each call's outcome: 'ok', or the domain error's code (a DUPLICATE names its reason); any other error fails the test. */
export async function outcomes(calls: Promise<unknown>[]): Promise<string[]> {
  const settled = await Promise.allSettled(calls);
  return settled.map((s) => {
    if (s.status === 'fulfilled') return 'ok';
    const err = s.reason as unknown;
    if (err instanceof DomainError) return (err.details.reason as string | undefined) ?? err.code;
    throw err;
  });
}

/** How many of each outcome. */
export const tally = (list: string[]) => list.reduce<Record<string, number>>((m, x) => ({ ...m, [x]: (m[x] ?? 0) + 1 }), {});

/** A new enterprise in the small graph's 浦江 (r-pj), made by `author`; its id. */
export async function newCompany(store: GraphStore, author: ChangeAuthor, source: SourceInput, name: string): Promise<string> {
  const { result } = await createEntity(store, author, {
    draft: { type: 'Enterprise', name },
    placement: { locatedIn: 'r-pj' },
    note: '',
    source,
  });
  return result.id;
}
