/**
 * What a GraphQL operation will cost to answer, estimated before it runs from the document and its
 * variables: each object in the answer costs 1, a field that goes to the store costs what its
 * statements do (FIELD_COST, per call), and everything below a list is multiplied by the list's
 * length — its `limit` argument (or an ancestor's, for a Subgraph's nodes), else a typical length
 * (LIST_SIZE). So `Entity.relations` nested under `relations.items.other` multiplies by ~80 per
 * level, as its answer and its store calls do. graphql-armor's cost limit counts fields and depth
 * only, without arguments or variables.
 */
import {
  getOperationAST,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/** Per call of the resolver: about how many store statements (or their weight) it runs. */
const FIELD_COST: Record<string, number | ((args: Record<string, unknown>) => number)> = {
  'Query.search': 2,
  'Query.entity': 1,
  'Query.neighborhood': (a) => 2 + 2 * num(a.depth, 1),
  'Query.paths': 10,
  'Query.edge': 1,
  'Query.stats': 5,
  'Query.chain': 20,
  'Query.gaps': 50,
  'Query.partners': 50,
  'Query.keyPlayers': 50,
  'Query.keyPlayerMap': 50,
  'Query.regions': 2,
  'Query.runSavedQuery': 20,
  'Query.runCypher': 20,
  'Query.exportSubgraph': (a) => 10 * num(a.depth, 1),
  // Four statements: neighbours and counts, both directions.
  'Entity.relations': 4,
  // Curation (history reads scan the revisions; documents scan the facts citing them).
  'Query.changes': 3,
  'Query.changeSet': 1,
  'Query.history': 3,
  'Query.documents': 2,
  'Query.document': 1,
  'Query.similarNames': 5,
  'ChangeSet.revisions': 2,
  'ChangeSet.document': 1,
  'Revision.changeSet': 1,
  'Document.factCount': 2,
  'Document.entities': 2,
  // An import's dry run plans every row of the file against the graph.
  'Query.importFile': 2,
  'Query.importPlan': 200,
  'ImportPlan.rows': 1,
  'Query.ingestJobs': 2,
  'Query.ingestJob': 1,
  'IngestJob.entities': 1,
  'IngestJob.changeSet': 1,
  // Leads: a list reads every lead in scope and the SLA rules; each lead's target, proposal and log are reads of their own.
  'Query.leads': 3,
  'Query.lead': 2,
  'Query.myWork': 3,
  'Query.weeklySummary': 4,
  'Lead.target': 3,
  'Lead.targetId': 1,
  'Lead.targetRetracted': 1,
  'Lead.proposal': 3,
  'Lead.region': 1,
  'Lead.segment': 1,
  'Lead.log': 1,
  'Lead.interactions': 1,
  'Lead.stageHistory': 1,
  // The feed reads change sets and revisions by key, at most 20,000 revisions a request.
  'Query.changesSinceLastVisit': 20,
  'Query.watchList': 2,
};

/** Typical lengths of lists without a `limit` of their own. */
const LIST_SIZE: Record<string, number> = {
  'Entity.relations': 4,
  'RelationGroup.items': 20,
  'Entity.sources': 2,
  'Edge.sources': 2,
  'Path.nodes': 5,
  'Path.edges': 5,
  'ChainMap.tiers': 3,
  'ChainTierSegments.segments': 4,
  'ChainSegmentCount.enterprises': 20,
  'ChainMap.unclassified': 20,
  'GapReport.segments': 12,
  'GapSegment.candidates': 10,
  'GapCandidate.sharedAlliances': 3,
  'PartnerSuggestion.evidence': 5,
  'Evidence.nodes': 3,
  'Evidence.edges': 3,
  'Query.regions': 10,
  'Query.savedQueries': 15,
  'Stats.byEntityType': 10,
  'Stats.byRelationType': 11,
  'ChangeSet.counts': 4,
  'Revision.fields': 5,
  'ImportRow.issues': 2,
  'ImportFile.columns': 15,
  'ImportFile.sample': 5,
  'ImportFile.warnings': 5,
  'ImportFile.suggestedMapping': 15,
  'IngestJob.entities': 30,
  'IngestJob.relations': 30,
  'IngestJob.warnings': 3,
  'IngestEntity.spans': 2,
  'IngestEntity.aliases': 2,
  'Query.watchList': 20,
  'FeedItem.matchedBy': 2,
};

/** A list whose length is an ancestor's `limit` (a neighbourhood's nodes and edges); the default when none. */
const INHERITED_SIZE: Record<string, number> = {
  'Subgraph.nodes': 200,
  'Subgraph.edges': 200,
  'ChangesFeed.items': 50,
  'LeadPage.items': 50,
};
const DEFAULT_LIST_SIZE = 10;

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** Fragments being expanded, so a cycle (refused by validation anyway) cannot loop. */
  open: Set<string>;
}

/*
 * Types are read by their names and shape, never with graphql's isListType & co: those are
 * `instanceof` checks, and the schema may come from another copy of graphql (CJS vs ESM) than this
 * module's.
 */
const typeName = (t: unknown) => String(t).replace(/[[\]!]/g, '');
const isList = (t: unknown) => String(t).replace(/!$/, '').startsWith('[');
type WithFields = { name: string; getFields(): Record<string, GraphQLField<unknown, unknown> | undefined> };
const hasFields = (t: unknown): t is WithFields => typeof (t as { getFields?: unknown } | null)?.getFields === 'function';

/** The field's integer arguments as given (literal or variable), else their defaults; anything else is left out. */
function args(w: Walk, def: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const a of def.args) {
    const given = node.arguments?.find((x) => x.name.value === a.name)?.value;
    const value =
      given?.kind === Kind.INT
        ? Number(given.value)
        : given?.kind === Kind.VARIABLE
          ? (w.variables[given.name.value] ?? a.defaultValue)
          : a.defaultValue;
    if (typeof value === 'number') out[a.name] = value;
  }
  return out;
}

function selectionCost(w: Walk, set: SelectionSetNode, parent: GraphQLNamedType | WithFields, inherited: number | null): number {
  if (!hasFields(parent)) return 0;
  let total = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      total += fieldCost(w, sel, parent.name, parent.getFields()[sel.name.value], inherited);
    } else {
      const fragment = sel.kind === Kind.INLINE_FRAGMENT ? sel : w.fragments.get(sel.name.value);
      if (!fragment || (sel.kind === Kind.FRAGMENT_SPREAD && w.open.has(sel.name.value))) continue;
      const type = fragment.typeCondition ? w.schema.getType(fragment.typeCondition.name.value) : parent;
      if (sel.kind === Kind.FRAGMENT_SPREAD) w.open.add(sel.name.value);
      total += selectionCost(w, fragment.selectionSet, type ?? parent, inherited);
      if (sel.kind === Kind.FRAGMENT_SPREAD) w.open.delete(sel.name.value);
    }
  }
  return total;
}

function fieldCost(
  w: Walk,
  node: FieldNode,
  parentName: string,
  def: GraphQLField<unknown, unknown> | undefined,
  inherited: number | null,
): number {
  if (!def) return 0; // __typename, or an unknown field validation refuses
  const key = `${parentName}.${def.name}`;
  const a = args(w, def, node);
  const own = FIELD_COST[key];
  const calls = typeof own === 'function' ? own(a) : (own ?? 0);
  const named = w.schema.getType(typeName(def.type));
  const limit = 'limit' in a ? num(a.limit, DEFAULT_LIST_SIZE) : null;
  if (!named || !hasFields(named) || !node.selectionSet) return calls;
  const each = 1 + selectionCost(w, node.selectionSet, named, limit ?? inherited);
  if (!isList(def.type)) return calls + each;
  const length = limit ?? (key in INHERITED_SIZE ? (inherited ?? INHERITED_SIZE[key]) : (LIST_SIZE[key] ?? DEFAULT_LIST_SIZE));
  return calls + length * each;
}

/** The estimated cost of the operation that will run (`operationName`, or the only one). */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  operationName?: string | null,
): number {
  const op = getOperationAST(document, operationName);
  if (!op) return 0;
  const root =
    op.operation === 'query'
      ? schema.getQueryType()
      : op.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) return 0;
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return Math.round(selectionCost({ schema, fragments, variables: variables ?? {}, open: new Set() }, op.selectionSet, root, null));
}
