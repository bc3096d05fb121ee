/** Follow-up statuses and how a node's progress rolls up from its descendants. Pure. */
export const FOLLOW_UP_STATUSES = ['on-track', 'at-risk', 'off-track', 'done'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export interface RollUp {
  /** The node's own status, or — when its owner has not reported — the worst among its descendants. */
  status: FollowUpStatus | null;
  /** Whether `status` is the node's own or derived from below. */
  derived: boolean;
  /** Reported statuses among the node's descendants. */
  counts: Record<FollowUpStatus, number>;
  /** Descendants, and how many of them have reported. */
  descendants: number;
  reported: number;
  /** Share of reported descendants that are done (0–1), null when none reported. */
  doneShare: number | null;
}

const SEVERITY: Record<FollowUpStatus, number> = { done: 0, 'on-track': 1, 'at-risk': 2, 'off-track': 3 };

/**
 * Rolls follow-up statuses up the tree: every node gets the counts over its whole subtree (without
 * itself), and a node without its own status shows the worst status below it — a parent is only
 * "done" when everything reported below it is done.
 */
export function rollUpFollowUps(
  nodes: readonly { id: string; parentId: string | null }[],
  statusOf: ReadonlyMap<string, FollowUpStatus>,
): Map<string, RollUp> {
  const children = new Map<string, string[]>();
  for (const n of nodes) {
    if (n.parentId === null) continue;
    const list = children.get(n.parentId) ?? [];
    list.push(n.id);
    children.set(n.parentId, list);
  }
  const result = new Map<string, RollUp>();
  const visit = (id: string): RollUp => {
    const done = result.get(id);
    if (done) return done;
    const counts: Record<FollowUpStatus, number> = { 'on-track': 0, 'at-risk': 0, 'off-track': 0, done: 0 };
    let descendants = 0;
    for (const child of children.get(id) ?? []) {
      const below = visit(child);
      descendants += 1 + below.descendants;
      for (const s of FOLLOW_UP_STATUSES) counts[s] += below.counts[s];
      const own = statusOf.get(child);
      if (own) counts[own] += 1;
    }
    const reported = FOLLOW_UP_STATUSES.reduce((a, s) => a + counts[s], 0);
    const own = statusOf.get(id) ?? null;
    let worst: FollowUpStatus | null = null;
    for (const s of FOLLOW_UP_STATUSES)
      if (counts[s] > 0 && (worst === null || SEVERITY[s] > SEVERITY[worst])) worst = s;
    const rollUp: RollUp = {
      status: own ?? worst,
      derived: own === null && worst !== null,
      counts,
      descendants,
      reported,
      doneShare: reported === 0 ? null : counts.done / reported,
    };
    result.set(id, rollUp);
    return rollUp;
  };
  for (const n of nodes) visit(n.id);
  return result;
}
