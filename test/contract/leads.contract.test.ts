/**
 * Leads (招商线索) through GraphQL on every store, on the seed graph, with the clock frozen (the
 * context's `now`) and people signed in through the SSO header: creating a lead from a gap candidate
 * or a partner suggestion freezes the analysis's evidence; a company not in the graph is proposed
 * through the review queue; stage moves are logged and concurrent ones detected; interactions take
 * links only; deadlines follow the SLA rules in working days; my work and the weekly summary count
 * what a user expects; viewers read, a region scope hides other regions' leads; a leaving owner's
 * leads go to the admin; a retracted target is flagged; every change is audited.
 */
import path from 'node:path';
import { afterAll, describe, expect } from 'vitest';
import type { Role } from '../../shared/model/index.js';
import { Auth } from '../../server/auth/service.js';
import type { AppContext } from '../../server/context.js';
import { retractEntity } from '../../server/domain/curation/entities.js';
import type { GraphStore } from '../../server/store/types.js';
import { buildSearchKey } from '../../server/domain/text.js';
import { buildYoga } from '../../server/yoga.js';
import { loadSeed } from '../../seed/load.js';
import { graphTest, type Graph } from '../helpers/graph-test.js';
import type { GqlResult } from '../helpers/graphql.js';
import { storeFactories } from '../helpers/stores.js';

const SEED = path.resolve(import.meta.dirname, '../../seed');
const LABELS = ['Lead', 'LeadEvent', 'SlaRule', 'AppSession', 'AuditEvent', 'AppUser'];
const removeRecords = async (store: GraphStore) => {
  for (const label of LABELS) await store.write(`MATCH (n:${label}) DELETE n`);
};

const it = graphTest({
  load: async (store) => {
    await removeRecords(store);
    await loadSeed(store, SEED);
  },
});

/** Shanghai time. 2026-11-27 is a Friday. */
const t = (s: string) => Date.parse(`${s}+08:00`);
const iso = (s: string) => new Date(t(s)).toISOString();
const FRIDAY_5PM = '2026-11-27T17:00:00';

const PROXY = '10.9.9.9';

interface World {
  auth: Auth;
  yoga: ReturnType<typeof buildYoga>;
  clock: { now: number };
}

const worlds = new Map<GraphStore, World>();

/** The store's server: the SSO header names the caller (from the trusted proxy), the clock is frozen. */
async function world(graph: Graph): Promise<World> {
  const known = worlds.get(graph.store);
  if (known) return known;
  const clock = { now: t(FRIDAY_5PM) };
  const security = { ...graph.ctx.config.security, proxyHeader: 'X-Remote-User', proxyTrusted: [PROXY] };
  const ctx: AppContext = { ...graph.ctx, config: { ...graph.ctx.config, security }, now: () => clock.now };
  const auth = new Auth(graph.store, ctx.config);
  const w = { auth, yoga: buildYoga(ctx, { auth }), clock };
  await auth.createUser(auth.cliCaller('test'), { username: 'boss', password: 'boss-password-1', role: 'admin' });
  worlds.set(graph.store, w);
  return w;
}

type Send = <T = Record<string, any>>(query: string, variables?: Record<string, unknown>) => Promise<GqlResult<T>>;

function as(w: World, username: string): Send {
  return async (query, variables = {}) => {
    const res = await w.yoga.fetch(
      'http://localhost/graphql',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-remote-user': username },
        body: JSON.stringify({ query, variables }),
      },
      { peer: PROXY },
    );
    return (await res.json()) as GqlResult<any>;
  };
}

let serial = 0;

/** A new account of its own for a test (so counts per owner are the test's). */
async function person(w: World, role: Role, region: string | null = null): Promise<{ name: string; send: Send }> {
  const name = `u${Date.now() % 1_000_000}-${serial++}`;
  await w.auth.createUser(w.auth.cliCaller('test'), { username: name, password: `${name}-password`, role, region });
  return { name, send: as(w, name) };
}

const ok = <T>(r: GqlResult<T>): T => {
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!;
};
const code = (r: GqlResult) => r.errors?.[0]?.extensions?.code;
const reason = (r: GqlResult) => r.errors?.[0]?.extensions?.reason;

const LEAD = `id version stage stageReason owner collaborators targetId targetRetracted proposedName
  target { id name } region { id } segment { id }
  origin { kind score parts evidence params frozenAt }
  proposal { job status entity { id name } }
  sla { deadline status rule { kind workingDays } } nextActionStatus urgency
  stageHistory { kind fromStage toStage actor at note }
  interactions { kind interactionKind date who note attachments { url title } actor at }`;

const CREATE = `mutation($input: LeadInput!) { createLead(input: $input) { ${LEAD} } }`;
const MOVE = `mutation($id: ID!, $stage: LeadStage!, $v: Int!, $note: String, $reason: String) {
  moveLeadStage(id: $id, stage: $stage, expectedVersion: $v, note: $note, reason: $reason) { ${LEAD} } }`;
const GET = `query($id: ID!) { lead(id: $id) { ${LEAD} } }`;
const LOG = `mutation($id: ID!, $input: InteractionInput!) { logInteraction(id: $id, input: $input) { id kind actor } }`;

async function manualLead(send: Send, target: string, region = 'minhang', extra: Record<string, unknown> = {}) {
  return ok(await send(CREATE, { input: { target, region, origin: { kind: 'MANUAL' }, ...extra } })).createLead;
}

describe.each(storeFactories)('leads on $name', (factory) => {
  it.scoped({ storeFactory: factory });

  afterAll(async () => {
    for (const store of worlds.keys()) await removeRecords(store).catch(() => undefined);
    worlds.clear();
  });

  it('creates a lead from a gap candidate with the analysis’s score and evidence frozen, and refuses one it does not suggest', async ({
    graph,
  }) => {
    const w = await world(graph);
    const editor = await person(w, 'editor');
    const gaps = ok(
      await editor.send(
        `{ gapCandidates(region: "minhang", segment: "seg-rd-services") {
          candidates { segment score segmentPoints alliancePoints linkPoints locality entity { id name } sharedAlliances { alliance { id } } } } }`,
      ),
    ).gapCandidates.candidates;
    const candidate = gaps.find((c: { locality: string }) => c.locality === 'ELSEWHERE') ?? gaps[0];
    const lead = ok(
      await editor.send(CREATE, {
        input: { target: candidate.entity.id, region: 'minhang', segment: 'seg-rd-services', origin: { kind: 'GAP_CANDIDATE' } },
      }),
    ).createLead;
    expect(lead).toMatchObject({
      stage: 'LEAD',
      version: 1,
      owner: editor.name,
      target: { id: candidate.entity.id },
      region: { id: 'minhang' },
      segment: { id: 'seg-rd-services' },
      origin: {
        kind: 'GAP_CANDIDATE',
        score: candidate.score,
        parts: { segmentPoints: candidate.segmentPoints, alliancePoints: candidate.alliancePoints, linkPoints: candidate.linkPoints },
        params: { region: 'minhang', segment: 'seg-rd-services', benchmark: null },
        frozenAt: iso(FRIDAY_5PM),
      },
    });
    expect(lead.origin.evidence.entity).toEqual(expect.objectContaining({ id: candidate.entity.id, name: candidate.entity.name }));
    expect(lead.origin.evidence.sharedAlliances.map((s: { alliance: { id: string } }) => s.alliance.id)).toEqual(
      candidate.sharedAlliances.map((s: { alliance: { id: string } }) => s.alliance.id),
    );
    expect(lead.stageHistory).toEqual([
      { kind: 'CREATED', fromStage: null, toStage: 'LEAD', actor: editor.name, at: iso(FRIDAY_5PM), note: null },
    ]);

    const suggested = new Set(gaps.map((c: { entity: { id: string } }) => c.entity.id));
    const other = ['siludi', 'nuosiqing', 'medtronic'].find((id) => !suggested.has(id))!;
    const refused = await editor.send(CREATE, {
      input: { target: other, region: 'minhang', segment: 'seg-rd-services', origin: { kind: 'GAP_CANDIDATE' } },
    });
    expect([code(refused), reason(refused)]).toEqual(['BAD_USER_INPUT', 'NOT_A_CANDIDATE']);
  });

  it('creates a lead from a partner suggestion with its evidence paths frozen', async ({ graph }) => {
    const w = await world(graph);
    const editor = await person(w, 'editor');
    const [top] = ok(
      await editor.send('{ partners(id: "siludi", limit: 5) { score entity { id } evidence { kind weight nodes { id } } } }'),
    ).partners;
    const lead = ok(
      await editor.send(CREATE, {
        input: { target: top.entity.id, region: 'minhang', origin: { kind: 'PARTNER_SUGGESTION', partnerOf: 'siludi' } },
      }),
    ).createLead;
    expect(lead.origin).toMatchObject({ kind: 'PARTNER_SUGGESTION', score: top.score, params: { partnerOf: 'siludi' } });
    const frozen = lead.origin.evidence.evidence as { kind: string; nodes: { id: string }[] }[];
    expect(frozen.map((e) => [e.kind, e.nodes.map((n) => n.id)])).toEqual(
      top.evidence.map((e: { kind: string; nodes: { id: string }[] }) => [e.kind, e.nodes.map((n) => n.id)]),
    );
  });

  it('proposes a company not in the graph through the review queue, and shows the entity once the proposal is applied', async ({
    graph,
  }) => {
    const w = await world(graph);
    const editor = await person(w, 'editor');
    const name = `上海线索${serial}${Date.now() % 10000}生物科技有限公司`;
    const lead = ok(
      await editor.send(CREATE, {
        input: {
          proposedCompany: { name, note: `${name}拟在闵行设立研发中心（2026-11-27 来电）。` },
          region: 'minhang',
          origin: { kind: 'MANUAL' },
          estimatedInvestment: 5000,
          area: 2000,
        },
      }),
    ).createLead;
    expect(lead).toMatchObject({
      target: null,
      targetId: null,
      proposedName: name,
      targetRetracted: false,
      proposal: { status: 'open', entity: null },
    });
    const job = ok(
      await editor.send('query($id: ID!) { ingestJob(id: $id) { entities { key name type } } }', { id: lead.proposal.job }),
    ).ingestJob;
    expect(job.entities).toEqual([{ key: 'e1', name, type: 'Enterprise' }]);

    ok(
      await editor.send(
        'mutation($id: ID!) { applyIngest(id: $id, entities: [{key: "e1", decision: accept}], note: "线索企业") { changeSet { id } } }',
        {
          id: lead.proposal.job,
        },
      ),
    );
    const after = ok(await editor.send(GET, { id: lead.id })).lead;
    expect(after.target.name).toBe(name);
    expect(after.proposal).toMatchObject({ status: 'applied', entity: { name } });

    const known = await editor.send(CREATE, {
      input: { proposedCompany: { name: '思路迪' }, region: 'minhang', origin: { kind: 'MANUAL' } },
    });
    expect([code(known), reason(known)]).toEqual(['BAD_USER_INPUT', 'ALREADY_IN_GRAPH']);
  });

  it('logs stage moves with who and when, needs a reason for 搁置/放弃, detects concurrent moves (CONFLICT) and audits each change', async ({
    graph,
  }) => {
    const w = await world(graph);
    const owner = await person(w, 'editor');
    const helper = await person(w, 'editor');
    const lead = await manualLead(owner.send, 'siludi', 'minhang', { collaborators: [helper.name] });

    w.clock.now = t('2026-11-30T09:30:00');
    const contacted = ok(await owner.send(MOVE, { id: lead.id, stage: 'CONTACT', v: 1, note: '电话联系，约下周走访' })).moveLeadStage;
    expect(contacted.version).toBe(2);
    expect(contacted.stageHistory.at(-1)).toEqual({
      kind: 'STAGE',
      fromStage: 'LEAD',
      toStage: 'CONTACT',
      actor: owner.name,
      at: iso('2026-11-30T09:30:00'),
      note: '电话联系，约下周走访',
    });

    // The collaborator still holds version 1: someone moved it since.
    const stale = await helper.send(MOVE, { id: lead.id, stage: 'VISIT', v: 1 });
    expect(code(stale)).toBe('CONFLICT');

    // Two people move it at once from the same version: one wins, the other is told.
    const both = await Promise.all([
      owner.send(MOVE, { id: lead.id, stage: 'VISIT', v: 2 }),
      helper.send(MOVE, { id: lead.id, stage: 'ASSESSMENT', v: 2 }),
    ]);
    expect(both.map(code).sort()).toEqual(['CONFLICT', undefined]);
    const moved = ok(await owner.send(GET, { id: lead.id })).lead;
    expect(moved.version).toBe(3);
    expect(moved.stageHistory.filter((e: { kind: string }) => e.kind === 'STAGE')).toHaveLength(2);

    for (const stage of ['ON_HOLD', 'ABANDONED']) {
      const bare = await owner.send(MOVE, { id: lead.id, stage, v: 3, reason: '  ' });
      expect([code(bare), reason(bare)]).toEqual(['BAD_USER_INPUT', 'REASON_REQUIRED']);
    }
    const held = ok(await owner.send(MOVE, { id: lead.id, stage: 'ON_HOLD', v: 3, reason: '企业暂缓扩产计划' })).moveLeadStage;
    expect(held).toMatchObject({ stage: 'ON_HOLD', stageReason: '企业暂缓扩产计划', sla: null, version: 4 });

    const audit = ok(await as(w, 'boss')('{ auditLog(filter: {action: WRITE}, limit: 100) { events { actor target params outcome } } }'))
      .auditLog.events as { actor: string; target: string; params: { kind: string; to?: string } }[];
    const mine = audit.filter((e) => e.target === lead.id);
    expect(mine.map((e) => [e.params.kind, e.params.to ?? null])).toEqual([
      ['LEAD_STAGE', 'ON_HOLD'],
      ['LEAD_STAGE', expect.stringMatching(/^(VISIT|ASSESSMENT)$/)],
      ['LEAD_STAGE', 'CONTACT'],
      ['LEAD_CREATE', null],
    ]);
    expect(mine.at(-1)!.actor).toBe(owner.name);
  });

  it('logs interactions with link-only attachments: http(s) kept, anything else refused', async ({ graph }) => {
    const w = await world(graph);
    const owner = await person(w, 'editor');
    const lead = await manualLead(owner.send, 'siludi');
    w.clock.now = t('2026-11-28T10:00:00');
    const logged = ok(
      await owner.send(LOG, {
        id: lead.id,
        input: {
          kind: 'VISIT',
          date: '2026-11-28',
          who: '张总、李经理',
          notes: '参观园区，关注孵化器面积',
          attachments: [{ url: 'https://example.com/minutes.pdf', title: '纪要' }],
        },
      }),
    ).logInteraction;
    expect(logged).toMatchObject({ kind: 'INTERACTION', actor: owner.name });
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'ftp://example.com/a', 'not a url']) {
      const refused = await owner.send(LOG, { id: lead.id, input: { kind: 'CALL', date: '2026-11-28', attachments: [{ url }] } });
      expect([url, code(refused), reason(refused)]).toEqual([url, 'BAD_USER_INPUT', 'NOT_A_LINK']);
    }
    const after = ok(await owner.send(GET, { id: lead.id })).lead;
    expect(after.interactions).toEqual([
      {
        kind: 'INTERACTION',
        interactionKind: 'VISIT',
        date: '2026-11-28',
        who: '张总、李经理',
        note: '参观园区，关注孵化器面积',
        attachments: [{ url: 'https://example.com/minutes.pdf', title: '纪要' }],
        actor: owner.name,
        at: iso('2026-11-28T10:00:00'),
      },
    ]);
    // An interaction is not a new version: a stage move with the version read before it still lands.
    expect(ok(await owner.send(MOVE, { id: lead.id, stage: 'CONTACT', v: 1 })).moveLeadStage.version).toBe(2);
  });

  describe('deadlines with the clock frozen', () => {
    // A lead created Friday 17:00: respond within 1 working day → Monday 17:00 (due soon from Sunday 17:00).
    it.for([
      ['2026-11-27T18:00:00', 'ON_TRACK'],
      ['2026-11-29T16:59:00', 'ON_TRACK'],
      ['2026-11-30T09:00:00', 'DUE_SOON'],
      ['2026-11-30T17:00:00', 'DUE_SOON'],
      ['2026-11-30T17:01:00', 'OVERDUE'],
    ] as const)('at %s a new lead is %s', async ([now, status], { graph }) => {
      const w = await world(graph);
      const owner = await person(w, 'editor');
      w.clock.now = t(FRIDAY_5PM);
      const lead = await manualLead(owner.send, 'siludi');
      w.clock.now = t(now);
      const seen = ok(await owner.send(GET, { id: lead.id })).lead;
      expect(seen.sla).toEqual({ deadline: iso('2026-11-30T17:00:00'), status, rule: { kind: 'RESPOND', workingDays: 1 } });
      const overdue = ok(
        await owner.send('query($o: String) { leads(filter: {owner: $o, overdue: true}) { total } }', { o: owner.name }),
      ).leads;
      expect(overdue.total).toBe(status === 'OVERDUE' ? 1 : 0);
    });

    it('counts 研判 in working days from entering the stage, and follows the rules an admin sets', async ({ graph }) => {
      const w = await world(graph);
      const owner = await person(w, 'editor');
      w.clock.now = t('2026-11-25T09:00:00');
      const lead = await manualLead(owner.send, 'siludi');
      const assessing = ok(await owner.send(MOVE, { id: lead.id, stage: 'ASSESSMENT', v: 1 })).moveLeadStage;
      expect(assessing.sla).toMatchObject({ deadline: iso('2026-11-30T09:00:00'), rule: { kind: 'ASSESS', workingDays: 3 } });

      const rules = ok(await owner.send('{ slaRules { stage kind workingDays clock dueSoonHours } }')).slaRules;
      const set = 'mutation($r: [SlaRuleInput!]!) { setSlaRules(rules: $r) { stage workingDays } }';
      expect(code(await owner.send(set, { r: rules }))).toBe('FORBIDDEN');
      const longer = rules.map((r: { stage: string; workingDays: number }) => (r.stage === 'ASSESSMENT' ? { ...r, workingDays: 5 } : r));
      const admin = as(w, 'boss');
      try {
        ok(await admin(set, { r: longer }));
        expect(ok(await owner.send(GET, { id: lead.id })).lead.sla.deadline).toBe(iso('2026-12-02T09:00:00'));
        const closed = await admin(set, {
          r: [{ stage: 'ABANDONED', kind: 'PROGRESS', workingDays: 1, clock: 'STAGE_ENTERED', dueSoonHours: 1 }],
        });
        expect([code(closed), reason(closed)]).toEqual(['BAD_USER_INPUT', 'CLOSED_STAGE']);
        ok(await admin(set, { r: [] }));
        expect(ok(await owner.send(GET, { id: lead.id })).lead.sla).toBeNull();
      } finally {
        ok(await admin(set, { r: rules }));
      }
    });
  });

  it('my work and the weekly summary count what the owner did and what is late', async ({ graph }) => {
    const w = await world(graph);
    const owner = await person(w, 'editor');
    w.clock.now = t(FRIDAY_5PM);
    const late = await manualLead(owner.send, 'siludi');
    const visiting = await manualLead(owner.send, 'siludi');
    const planned = await manualLead(owner.send, 'siludi', 'minhang', { nextAction: '寄送园区政策', dueAt: iso('2026-12-01T10:00:00') });
    w.clock.now = t('2026-11-27T18:00:00');
    ok(await owner.send(MOVE, { id: visiting.id, stage: 'VISIT', v: 1 }));
    ok(await owner.send(MOVE, { id: planned.id, stage: 'CONTACT', v: 1 }));
    ok(await owner.send(LOG, { id: visiting.id, input: { kind: 'VISIT', date: '2026-11-27' } }));
    ok(await owner.send(LOG, { id: planned.id, input: { kind: 'CALL', date: '2026-11-27' } }));

    // Monday 18:00: the untouched lead missed its 1-day response; the next action is due tomorrow 10:00.
    w.clock.now = t('2026-11-30T18:00:00');
    const work = ok(await owner.send('{ myWork { overdue { id } dueSoon { id } nextActions { id nextAction } } }')).myWork;
    expect(work).toEqual({
      overdue: [{ id: late.id }],
      dueSoon: [{ id: planned.id }],
      nextActions: [{ id: planned.id, nextAction: '寄送园区政策' }],
    });
    const list = ok(await owner.send('query($o: String) { leads(filter: {owner: $o}) { items { id urgency } } }', { o: owner.name })).leads
      .items;
    expect(Object.fromEntries(list.map((l: { id: string; urgency: string }) => [l.id, l.urgency]))).toEqual({
      [late.id]: 'OVERDUE',
      [visiting.id]: 'ON_TRACK',
      [planned.id]: 'DUE_SOON',
    });

    const summary = `query($o: String, $w: String) { weeklySummary(owner: $o, weekOf: $w) {
      weekStart created moved moves { lead toStage } interactions interactionsByKind { kind count } byStage { stage count } overdue { id } } }`;
    const week = ok(await owner.send(summary, { o: owner.name, w: '2026-11-25' })).weeklySummary;
    expect(week).toMatchObject({
      weekStart: iso('2026-11-23T00:00:00'),
      created: 3,
      moved: 2,
      interactions: 2,
      overdue: [{ id: late.id }],
    });
    expect(week.interactionsByKind).toEqual([
      { kind: 'CALL', count: 1 },
      { kind: 'VISIT', count: 1 },
      { kind: 'MEETING', count: 0 },
      { kind: 'EMAIL', count: 0 },
    ]);
    expect(week.byStage.filter((s: { count: number }) => s.count)).toEqual([
      { stage: 'LEAD', count: 1 },
      { stage: 'CONTACT', count: 1 },
      { stage: 'VISIT', count: 1 },
    ]);
    const next = ok(await owner.send(summary, { o: owner.name, w: '2026-11-30' })).weeklySummary;
    expect(next).toMatchObject({ created: 0, moved: 0, interactions: 0 });
  });

  it('lets viewers read only, keeps a region scope to its region, and only owners and collaborators change a lead', async ({ graph }) => {
    const w = await world(graph);
    const owner = await person(w, 'editor');
    const lead = await manualLead(owner.send, 'siludi', 'pujiang-town');
    const viewer = await person(w, 'viewer');
    const songjiangViewer = await person(w, 'viewer', 'songjiang');
    const minhangEditor = await person(w, 'editor', 'minhang');
    const otherEditor = await person(w, 'editor');

    expect(ok(await viewer.send(GET, { id: lead.id })).lead.id).toBe(lead.id);
    expect(code(await viewer.send(MOVE, { id: lead.id, stage: 'CONTACT', v: 1 }))).toBe('FORBIDDEN');
    expect(code(await viewer.send(CREATE, { input: { target: 'siludi', region: 'minhang', origin: { kind: 'MANUAL' } } }))).toBe(
      'FORBIDDEN',
    );

    // A lead for 浦江镇 lies in 闵行区: the 闵行 editor sees it; the 松江 viewer does not.
    const inMinhang = ok(await minhangEditor.send('{ leads(filter: {region: "minhang"}) { items { id } } }')).leads.items;
    expect(inMinhang.map((l: { id: string }) => l.id)).toContain(lead.id);
    const fromSongjiang = ok(await songjiangViewer.send('{ leads { items { id region { id } } } }')).leads.items;
    expect(fromSongjiang.map((l: { id: string }) => l.id)).not.toContain(lead.id);
    const denied = await songjiangViewer.send(GET, { id: lead.id });
    expect([code(denied), reason(denied)]).toEqual(['FORBIDDEN', 'OUT_OF_SCOPE']);
    const outside = await minhangEditor.send(CREATE, { input: { target: 'siludi', region: 'songjiang', origin: { kind: 'MANUAL' } } });
    expect([code(outside), reason(outside)]).toEqual(['FORBIDDEN', 'OUT_OF_SCOPE']);

    const notMine = await otherEditor.send(MOVE, { id: lead.id, stage: 'CONTACT', v: 1 });
    expect([code(notMine), reason(notMine)]).toEqual(['FORBIDDEN', 'NOT_OWNER']);
    const update =
      'mutation($id: ID!, $p: LeadPatch!) { updateLead(id: $id, expectedVersion: 1, patch: $p) { version collaborators owner } }';
    expect(ok(await owner.send(update, { id: lead.id, p: { collaborators: [otherEditor.name] } })).updateLead).toEqual({
      version: 2,
      collaborators: [otherEditor.name],
      owner: owner.name,
    });
    expect(ok(await otherEditor.send(MOVE, { id: lead.id, stage: 'CONTACT', v: 2 })).moveLeadStage.stage).toBe('CONTACT');
    const stale = await owner.send(update, { id: lead.id, p: { nextAction: '安排走访' } });
    expect(code(stale)).toBe('CONFLICT');
    const toViewer = await owner.send(update.replace('expectedVersion: 1', 'expectedVersion: 3'), {
      id: lead.id,
      p: { owner: viewer.name },
    });
    expect([code(toViewer), reason(toViewer)]).toEqual(['BAD_USER_INPUT', 'NOT_ASSIGNABLE']);
  });

  it('hands a leaving owner’s leads to the admin who disables them, logged, and lets an admin reassign leads', async ({ graph }) => {
    const w = await world(graph);
    const leaving = await person(w, 'editor');
    const successor = await person(w, 'editor');
    const a = await manualLead(leaving.send, 'siludi');
    const b = await manualLead(leaving.send, 'siludi');
    const admin = as(w, 'boss');
    ok(await admin('mutation($id: ID!) { updateUser(id: $id, change: {disabled: true}) { disabled } }', { id: leaving.name }));
    for (const id of [a.id, b.id]) {
      const lead = ok(await admin(GET, { id })).lead;
      expect(lead.owner).toBe('boss');
      expect(lead.stageHistory.at(-1)).toMatchObject({ kind: 'REASSIGNED', actor: 'boss' });
    }
    const events = ok(await admin('{ auditLog(filter: {actor: "boss", action: WRITE}, limit: 50) { events { target params } } }')).auditLog
      .events as { target: string; params: { kind: string; leads: string[]; reason?: string } }[];
    expect(events.find((e) => e.target === leaving.name && e.params.kind === 'LEAD_REASSIGN')?.params).toMatchObject({
      leads: [a.id, b.id].sort(),
      reason: 'OWNER_LEFT',
    });

    // Made a viewer, an editor can no longer own leads either.
    const demoted = await person(w, 'editor');
    const c = await manualLead(demoted.send, 'siludi');
    ok(await admin('mutation($id: ID!) { updateUser(id: $id, change: {role: viewer}) { role } }', { id: demoted.name }));
    expect(ok(await demoted.send(GET, { id: c.id })).lead.owner).toBe('boss');

    const moved = ok(
      await admin('mutation($f: String!, $t: String!) { reassignLeads(fromUser: $f, toUser: $t) }', { f: 'boss', t: successor.name }),
    ).reassignLeads;
    expect(moved).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(ok(await successor.send(GET, { id: a.id })).lead.owner).toBe(successor.name);
    const forbidden = await successor.send('mutation($f: String!, $t: String!) { reassignLeads(fromUser: $f, toUser: $t) }', {
      f: successor.name,
      t: 'boss',
    });
    expect(code(forbidden)).toBe('FORBIDDEN');
  });

  it('keeps a lead whose target is retracted, flagged, and refuses a new lead for a retracted entity', async ({ graph, scratch }) => {
    const w = await world(graph);
    const owner = await person(w, 'editor');
    const id = scratch.id('e-gone');
    const name = `上海待撤回${serial}生物科技有限公司`;
    await scratch.load({
      entities: [
        {
          id: 'e-gone',
          type: 'Enterprise',
          name,
          aliases: [],
          search: buildSearchKey(name, [], null),
          sources: [{ document: 'fixture.txt', quote: name }],
        },
      ],
      relations: [],
    });
    const lead = await manualLead(owner.send, id);
    expect(lead.targetRetracted).toBe(false);
    await retractEntity(
      graph.store,
      { username: owner.name, region: null, clientAddress: null },
      {
        id,
        note: '重复录入',
        source: { kind: 'note', note: '核实为重复企业' },
      },
    );
    const after = ok(await owner.send(GET, { id: lead.id })).lead;
    expect(after).toMatchObject({ id: lead.id, target: null, targetId: id, targetRetracted: true, stage: 'LEAD' });
    const again = await owner.send(CREATE, { input: { target: id, region: 'minhang', origin: { kind: 'MANUAL' } } });
    expect([code(again), reason(again)]).toEqual(['BAD_USER_INPUT', 'TARGET_RETRACTED']);

    // The owner re-points the flagged lead at the organisation that replaces it.
    const repoint =
      'mutation($id: ID!, $v: Int!, $t: ID) { updateLead(id: $id, expectedVersion: $v, patch: {target: $t}) { target { id } targetRetracted } }';
    expect(ok(await owner.send(repoint, { id: lead.id, v: 1, t: 'siludi' })).updateLead).toEqual({
      target: { id: 'siludi' },
      targetRetracted: false,
    });
  });
});
