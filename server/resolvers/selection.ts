/** Which fields a GraphQL query selects below the current field, so the store reads only those. */
import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * The names of the fields selected at `path` below the current field (e.g. `['nodes']` of
 * `neighborhood`), through inline fragments and fragment spreads. Null when a fragment cannot be
 * resolved, so the caller reads everything rather than too little.
 */
export function selectedFields(info: GraphQLResolveInfo, path: readonly string[]): Set<string> | null {
  let sets: SelectionSetNode[] = info.fieldNodes.flatMap((f) => (f.selectionSet ? [f.selectionSet] : []));
  for (const step of path) {
    const next: SelectionSetNode[] = [];
    for (const set of sets) {
      const fields = fieldsOf(set, info);
      if (!fields) return null;
      for (const f of fields) if (f.name === step && f.selectionSet) next.push(f.selectionSet);
    }
    sets = next;
  }
  const names = new Set<string>();
  for (const set of sets) {
    const fields = fieldsOf(set, info);
    if (!fields) return null;
    for (const f of fields) names.add(f.name);
  }
  return names;
}

function fieldsOf(set: SelectionSetNode, info: GraphQLResolveInfo): { name: string; selectionSet?: SelectionSetNode }[] | null {
  const out: { name: string; selectionSet?: SelectionSetNode }[] = [];
  for (const sel of set.selections) {
    // Compared by kind string: the server may see more than one copy of the graphql package.
    if (sel.kind === 'Field') {
      out.push({ name: sel.name.value, selectionSet: sel.selectionSet });
    } else if (sel.kind === 'InlineFragment') {
      const inner = fieldsOf(sel.selectionSet, info);
      if (!inner) return null;
      out.push(...inner);
    } else {
      const fragment = info.fragments[sel.name.value];
      const inner = fragment ? fieldsOf(fragment.selectionSet, info) : null;
      if (!inner) return null;
      out.push(...inner);
    }
  }
  return out;
}
