/**
 * helper.DefaultNormalizeScore: scale so the best node gets `max`; with `reverse`, the best raw
 * score becomes 0 and a raw 0 becomes `max` (all `max` when every raw score is 0).
 */
export function defaultNormalizeScore(max: number, reverse: boolean, scores: number[]): void {
  let maxCount = 0;
  for (const s of scores) if (s > maxCount) maxCount = s;
  if (maxCount === 0) {
    if (reverse) scores.fill(max);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    let s = Math.trunc((max * scores[i]) / maxCount);
    if (reverse) s = max - s;
    scores[i] = s;
  }
}
