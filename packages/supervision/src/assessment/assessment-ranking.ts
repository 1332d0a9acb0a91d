/** One area's total in a run. */
export interface ScoredArea {
  pilotAreaId: string;
  province: string;
  score: number;
}

export interface RankedArea extends ScoredArea {
  /** 1 for the best; equal scores share a rank and the next rank skips (1, 1, 3) */
  rank: number;
}

/** Ranks the areas by score, best first; ties share the rank and are listed by area id. */
export function rankAreas(areas: readonly ScoredArea[]): RankedArea[] {
  const ordered = [...areas].sort((a, b) => b.score - a.score || a.pilotAreaId.localeCompare(b.pilotAreaId));
  const ranked: RankedArea[] = [];
  ordered.forEach((area, index) => {
    const previous = ranked[index - 1];
    const rank = previous && previous.score === area.score ? previous.rank : index + 1;
    ranked.push({ ...area, rank });
  });
  return ranked;
}
