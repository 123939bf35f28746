/**
 * ImageLocality (plugins/imagelocality): favours nodes that already hold the pod's images, each
 * image counted by its size scaled by the share of nodes holding it (so an image on every node
 * does not pull pods together), mapped linearly between 23MB and 1000MB per container.
 */
import type { ScorePlugin } from '../framework/interface';
import { MAX_NODE_SCORE } from '../framework/interface';
import { normalizedImageName } from '../framework/pod_info';
import { ImageLocality } from './names';

const MB = 1024 * 1024;
export const minThreshold = 23 * MB;
export const maxContainerThreshold = 1000 * MB;

export { normalizedImageName };

export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = maxContainerThreshold * numContainers;
  let s = sumScores;
  if (s < minThreshold) s = minThreshold;
  else if (s > maxThreshold) s = maxThreshold;
  return Math.trunc((MAX_NODE_SCORE * (s - minThreshold)) / (maxThreshold - minThreshold));
}

export const imageLocality: ScorePlugin = {
  name: ImageLocality,
  score(_state, pod, nodeInfo, h) {
    const images = pod.images;
    let sum = 0;
    if (nodeInfo.images.size > 0) {
      const total = h.cache.numNodes;
      for (const name of images) {
        const size = nodeInfo.images.get(name);
        if (size === undefined) continue;
        const spread = h.cache.imageNumNodes(name) / total;
        sum += Math.trunc(size * spread);
      }
    }
    return calculatePriority(sum, images.length);
  },
};
