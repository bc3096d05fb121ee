import { describe, expect, it } from 'vitest';
import { isStage, mayLinkCases, mayMove, nextStages, PIPELINE } from './inquiry-pipeline.js';

describe('the investment pipeline', () => {
  it('refuses to skip ahead from a lead straight to an offer or an establishment', () => {
    expect(mayMove('lead', 'offer')).toBe(false);
    expect(mayMove('lead', 'established')).toBe(false);
  });

  it('refuses any move out of established', () => {
    expect(nextStages('established')).toEqual([]);
  });

  it('walks lead → dialogue → site visit → offer → decision → established', () => {
    const path = ['lead', 'dialogue', 'site-visit', 'offer', 'decision', 'established'] as const;
    for (let i = 1; i < path.length; i++) expect(mayMove(path[i - 1] as never, path[i] as never)).toBe(true);
  });

  it('can lose an inquiry at every open stage, and reopen a lost one as a lead', () => {
    for (const stage of ['lead', 'dialogue', 'site-visit', 'offer', 'decision'] as const)
      expect(mayMove(stage, 'lost')).toBe(true);
    expect(nextStages('lost')).toEqual(['lead']);
  });

  it('names only known stages in its moves', () => {
    for (const targets of Object.values(PIPELINE.moves)) for (const t of targets) expect(isStage(t)).toBe(true);
    expect(isStage('won')).toBe(false);
  });

  it('links permit cases only once the investor has decided', () => {
    expect(mayLinkCases('offer')).toBe(false);
    expect(mayLinkCases('decision')).toBe(true);
    expect(mayLinkCases('established')).toBe(true);
  });
});
