/**
 * The data of the leads (招商线索) views: lists, one lead, my work, the weekly summary, the SLA rules,
 * and every change to a lead. Keys start with 'leads' so one write drops every view of them; a lead's
 * write also drops the changes feed (it lists leads) through the same prefix-free refresh.
 */
import type { QueryClient } from '@tanstack/react-query';
import { useGraphQL, useGraphQLMutation } from '../../api/query-client.js';
import { graphql } from '../../gql/index.js';
import type { LeadFieldsFragment, LeadFilter, LeadPageQuery, WeeklySummaryQuery } from '../../gql/graphql.js';

export const leadKeys = {
  all: () => ['leads'] as const,
  list: (filter: LeadFilter, limit: number) => ['leads', 'list', filter, limit] as const,
  targets: () => ['leads', 'targets'] as const,
  one: (id: string) => ['leads', 'one', id] as const,
  myWork: () => ['leads', 'myWork'] as const,
  weekly: (owner: string | null, weekOf: string | null) => ['leads', 'weekly', owner, weekOf] as const,
  rules: () => ['leads', 'rules'] as const,
};

export const LeadFieldsFragmentDoc = graphql(`
  fragment LeadFields on Lead {
    id
    target {
      ...EntityRef
    }
    targetId
    targetRetracted
    proposedName
    proposal {
      job
      status
      entity {
        ...EntityRef
      }
    }
    region {
      ...EntityRef
    }
    segment {
      ...EntityRef
    }
    owner
    collaborators
    stage
    stageReason
    stageEnteredAt
    lastActivityAt
    nextAction
    dueAt
    nextActionStatus
    estimatedInvestment
    area
    version
    createdAt
    createdBy
    updatedAt
    sla {
      deadline
      status
      rule {
        stage
        kind
        workingDays
        clock
        dueSoonHours
      }
    }
    urgency
  }
`);

export const LeadEventFieldsFragmentDoc = graphql(`
  fragment LeadEventFields on LeadEvent {
    id
    kind
    at
    actor
    fromStage
    toStage
    note
    interactionKind
    date
    who
    attachments {
      url
      title
    }
    changes
  }
`);

const LeadPageDocument = graphql(`
  query LeadPage($filter: LeadFilter, $limit: Int) {
    leads(filter: $filter, limit: $limit) {
      total
      items {
        ...LeadFields
      }
    }
  }
`);

const LeadTargetsDocument = graphql(`
  query LeadTargets {
    leads(limit: 200) {
      items {
        id
        targetId
        stage
      }
    }
  }
`);

const LeadDocument = graphql(`
  query Lead($id: ID!) {
    lead(id: $id) {
      ...LeadFields
      origin {
        kind
        score
        parts
        evidence
        params
        frozenAt
      }
      interactions {
        ...LeadEventFields
      }
      stageHistory {
        ...LeadEventFields
      }
    }
  }
`);

const MyWorkDocument = graphql(`
  query MyWork {
    myWork {
      overdue {
        ...LeadFields
      }
      dueSoon {
        ...LeadFields
      }
      nextActions {
        ...LeadFields
      }
    }
  }
`);

const WeeklySummaryDocument = graphql(`
  query WeeklySummary($owner: String, $weekOf: String) {
    weeklySummary(owner: $owner, weekOf: $weekOf) {
      owner
      weekStart
      weekEnd
      byStage {
        stage
        count
      }
      created
      moved
      moves {
        ...LeadEventFields
        lead
      }
      overdue {
        id
      }
      interactions
      interactionsByKind {
        kind
        count
      }
      leads {
        ...LeadFields
      }
    }
  }
`);

const SlaRulesDocument = graphql(`
  query SlaRules {
    slaRules {
      stage
      kind
      workingDays
      clock
      dueSoonHours
    }
  }
`);

const CreateLeadDocument = graphql(`
  mutation CreateLead($input: LeadInput!) {
    createLead(input: $input) {
      ...LeadFields
    }
  }
`);

const UpdateLeadDocument = graphql(`
  mutation UpdateLead($id: ID!, $expectedVersion: Int!, $patch: LeadPatch!) {
    updateLead(id: $id, expectedVersion: $expectedVersion, patch: $patch) {
      ...LeadFields
    }
  }
`);

const MoveLeadStageDocument = graphql(`
  mutation MoveLeadStage($id: ID!, $stage: LeadStage!, $note: String, $reason: String, $expectedVersion: Int!) {
    moveLeadStage(id: $id, stage: $stage, note: $note, reason: $reason, expectedVersion: $expectedVersion) {
      ...LeadFields
    }
  }
`);

const LogInteractionDocument = graphql(`
  mutation LogInteraction($id: ID!, $input: InteractionInput!) {
    logInteraction(id: $id, input: $input) {
      id
    }
  }
`);

const SetSlaRulesDocument = graphql(`
  mutation SetSlaRules($rules: [SlaRuleInput!]!) {
    setSlaRules(rules: $rules) {
      stage
    }
  }
`);

export type Lead = LeadFieldsFragment;
export type LeadPage = LeadPageQuery['leads'];
export type Weekly = WeeklySummaryQuery['weeklySummary'];

/** Up to this many leads on a list or the board (the server counts the rest in `total`). */
export const LIST_LIMIT = 200;

export const useLeads = (filter: LeadFilter, enabled = true) =>
  useGraphQL(leadKeys.list(filter, LIST_LIMIT), LeadPageDocument, enabled ? { filter, limit: LIST_LIMIT } : null);
/** The targets that have a lead, for the badge on the Explore canvas. */
export const useLeadTargets = (enabled: boolean) => useGraphQL(leadKeys.targets(), LeadTargetsDocument, enabled ? {} : null);
export const useLead = (id: string | null) => useGraphQL(leadKeys.one(id ?? ''), LeadDocument, id ? { id } : null);
export const useMyWork = () => useGraphQL(leadKeys.myWork(), MyWorkDocument, {});
export const useWeeklySummary = (owner: string | null, weekOf: string | null) =>
  useGraphQL(leadKeys.weekly(owner, weekOf), WeeklySummaryDocument, { owner, weekOf });
export const useSlaRules = () => useGraphQL(leadKeys.rules(), SlaRulesDocument, {});

/** After any change to a lead: every leads view, and the changes feed (it lists lead moves). */
const refreshLeads = (client: QueryClient) =>
  Promise.all([client.invalidateQueries({ queryKey: leadKeys.all() }), client.invalidateQueries({ queryKey: ['changes'] })]);

export const useCreateLead = () => useGraphQLMutation(CreateLeadDocument, refreshLeads);
export const useUpdateLead = () => useGraphQLMutation(UpdateLeadDocument, refreshLeads);
export const useMoveLeadStage = () => useGraphQLMutation(MoveLeadStageDocument, refreshLeads);
export const useLogInteraction = () => useGraphQLMutation(LogInteractionDocument, refreshLeads);
export const useSetSlaRules = () => useGraphQLMutation(SetSlaRulesDocument, refreshLeads);
/** After a failed write (CONFLICT above all): read the leads again so the screen shows what is stored. */
export const reloadLeads = refreshLeads;
