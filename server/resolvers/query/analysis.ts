/** Resolvers of the analysis API: chain, gaps, partners, key players, regions. */
import type { AppContext } from '../../context.js';
import { chainMap } from '../../domain/analysis/chain.js';
import { gapCandidates, gapReport } from '../../domain/analysis/gaps.js';
import { KEY_PLAYER_RULES, keyPlayerMap, keyPlayers } from '../../domain/analysis/key-players.js';
import { partners } from '../../domain/analysis/partners.js';
import { getRegion, regionScope } from '../../domain/graph.js';
import type { Entity } from '../../domain/model.js';
import { decodeEntity, entityColumns } from '../../domain/records.js';
import { selectedFields } from '../selection.js';
import { regionTree } from '../../domain/analysis/region-tree.js';
import { checkId, checkLimit } from '../../domain/validate.js';
import type { QueryResolver } from '../types.js';

/** A region id → the region and its scope; unknown ids and non-regions are NOT_FOUND. */
async function region(ctx: AppContext, id: string, argument: string): Promise<{ region: Entity; scope: string[] }> {
  const r = await getRegion(ctx.store, checkId(id, argument));
  return { region: r, scope: await regionScope(ctx.store, r.id) };
}

export const chainResolver: QueryResolver<'chain'> = async (_, args, ctx) =>
  chainMap(ctx.store, args.region ? await getRegion(ctx.store, checkId(args.region, 'region')) : null);

/** The region and benchmark of a gap question; their scopes come from the analysis projection. */
async function gapRegions(ctx: AppContext, args: { region: string; benchmark?: string | null }) {
  const region = await getRegion(ctx.store, checkId(args.region, 'region'));
  const benchmark = args.benchmark ? await getRegion(ctx.store, checkId(args.benchmark, 'benchmark')) : null;
  return { region, benchmark };
}

export const gapsResolver: QueryResolver<'gaps'> = async (_, args, ctx) => gapReport(ctx.store, await gapRegions(ctx, args));

export const gapCandidatesResolver: QueryResolver<'gapCandidates'> = async (_, args, ctx) =>
  gapCandidates(ctx.store, { ...(await gapRegions(ctx, args)), segment: args.segment ? checkId(args.segment, 'segment') : null });

/** What a relation stub (partners' `edges: 'stub'`) answers without a read. */
const EDGE_STUB_FIELDS = new Set(['__typename', 'id', 'type', 'source', 'target', 'inferred']);

export const partnersResolver: QueryResolver<'partners'> = (_, args, ctx, info) => {
  const edgeFields = selectedFields(info, ['evidence', 'edges']);
  const stub = edgeFields !== null && [...edgeFields].every((f) => EDGE_STUB_FIELDS.has(f));
  return partners(ctx.store, checkId(args.id), checkLimit(args.limit, 'limit', 100), { edges: stub ? 'stub' : 'full' });
};

export const keyPlayersResolver: QueryResolver<'keyPlayers'> = async (_, args, ctx) => {
  const limit = checkLimit(args.limit, 'limit', 200);
  const r = args.region ? await region(ctx, args.region, 'region') : null;
  return keyPlayers(ctx.store, r?.scope ?? null, limit);
};

export const keyPlayerMapResolver: QueryResolver<'keyPlayerMap'> = async (_, args, ctx) => {
  const limit = checkLimit(args.limit, 'limit', 100);
  const r = args.region ? await region(ctx, args.region, 'region') : null;
  const map = await keyPlayerMap(ctx.store, r?.scope ?? null, limit);
  return { ...map, region: r?.region ?? null, rules: KEY_PLAYER_RULES };
};

const REGION_ORDER: Record<string, number> = { city: 0, district: 1, town: 2, subdistrict: 3 };

export const regionsResolver: QueryResolver<'regions'> = async (_, __, ctx) => {
  const rows = await ctx.store.read(`MATCH (n:Entity) WHERE n.type = 'Region' RETURN ${entityColumns('n')}`, {}, { operation: 'regions' });
  return rows
    .map((r) => decodeEntity(r))
    .sort((a, b) => (REGION_ORDER[a.kind ?? ''] ?? 9) - (REGION_ORDER[b.kind ?? ''] ?? 9) || a.name.localeCompare(b.name, 'zh'));
};

/** Regions in hierarchy order: the city, then each district followed by the towns located in it. */
export const regionTreeResolver: QueryResolver<'regionTree'> = async (_, __, ctx) => {
  const [rows, links] = await Promise.all([
    ctx.store.read(`MATCH (n:Entity) WHERE n.type = 'Region' RETURN ${entityColumns('n')}`, {}, { operation: 'regions' }),
    ctx.store.read(
      "MATCH (a:Entity)-[:LOCATED_IN]->(b:Entity) WHERE a.type = 'Region' AND b.type = 'Region' RETURN a.id AS child, b.id AS parent",
      {},
      { operation: 'region tree' },
    ),
  ]);
  return regionTree(
    rows.map((r) => decodeEntity(r)),
    links.map((l) => ({ child: String(l.child), parent: String(l.parent) })),
  );
};
