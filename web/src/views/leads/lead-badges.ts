/** The companies that are a lead's target, for the badge on the Explore canvas (empty for who may not read leads). */
import { useMemo } from 'react';
import { can, useViewer } from '../../auth/viewer.js';
import { useLeadTargets } from './lead-queries.js';

const NONE: ReadonlyMap<string, number> = new Map();

export function useLeadBadges(): ReadonlyMap<string, number> {
  const me = useViewer().data?.me;
  const targets = useLeadTargets(can(me, 'viewer')).data;
  return useMemo(() => {
    if (!targets) return NONE;
    const counts = new Map<string, number>();
    for (const l of targets.leads.items) if (l.targetId) counts.set(l.targetId, (counts.get(l.targetId) ?? 0) + 1);
    return counts;
  }, [targets]);
}
