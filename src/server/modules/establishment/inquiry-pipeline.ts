/**
 * The investment pipeline as data: its stages in order and the moves allowed from each. The
 * service refuses any other move (`illegal_transition`), so the pipeline can be changed here
 * without touching the rules that apply it.
 */
export const PIPELINE = {
  stages: ['lead', 'dialogue', 'site-visit', 'offer', 'decision', 'established', 'lost'],
  moves: {
    lead: ['dialogue', 'lost'],
    dialogue: ['site-visit', 'offer', 'lost'],
    'site-visit': ['dialogue', 'offer', 'lost'],
    offer: ['dialogue', 'decision', 'lost'],
    decision: ['offer', 'established', 'lost'],
    established: [],
    // A lost lead can come back (the investor returns); it starts over as a lead.
    lost: ['lead'],
  },
  /** Stages at which the inquiry is over; linking permit cases is for `decision` and `established`. */
  closed: ['established', 'lost'],
} as const;

export type Stage = (typeof PIPELINE.stages)[number];

export function isStage(value: string): value is Stage {
  return (PIPELINE.stages as readonly string[]).includes(value);
}

/** The stages reachable in one move from `from`. */
export function nextStages(from: Stage): readonly Stage[] {
  return PIPELINE.moves[from];
}

export function mayMove(from: Stage, to: Stage): boolean {
  return (nextStages(from) as readonly string[]).includes(to);
}

/** Permit cases belong to an investor who is going ahead: from the decision on. */
export function mayLinkCases(stage: Stage): boolean {
  return stage === 'decision' || stage === 'established';
}
