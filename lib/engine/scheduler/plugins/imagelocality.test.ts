import { describe, expect, it } from 'vitest';
import { makeNode, makePod, rawScoreOf } from '../testing';
import { schedulePod } from '../scheduler';
import { calculatePriority, normalizedImageName } from './imagelocality';
import { ImageLocality } from './names';

const MB = 1024 * 1024;

// Modeled on upstream image_locality_test.go.
describe('ImageLocality Score', () => {
  const cases: [string, string, { names: string[]; sizeBytes: number }[][], number[]][] = [
    ['an image on one of two nodes counts half its size', 'nginx:1.25', [[{ names: ['nginx:1.25'], sizeBytes: 500 * MB }], []], [23, 0]],
    ['an image on every node counts in full', 'nginx:1.25', [[{ names: ['nginx:1.25'], sizeBytes: 500 * MB }], [{ names: ['nginx:1.25'], sizeBytes: 500 * MB }]], [48, 48]],
    ['images below 23MB score 0', 'busybox:1.36', [[{ names: ['busybox:1.36'], sizeBytes: 4 * MB }], []], [0, 0]],
    ['scores stop at 1000MB per container', 'big:1', [[{ names: ['big:1'], sizeBytes: 5000 * MB }], [{ names: ['big:1'], sizeBytes: 5000 * MB }]], [100, 100]],
    ['an untagged image is :latest', 'redis', [[{ names: ['redis:latest'], sizeBytes: 1000 * MB }], [{ names: ['redis:latest'], sizeBytes: 1000 * MB }]], [100, 100]],
    ['any name of the image matches', 'nginx:1.25', [[{ names: ['docker.io/library/nginx:1.25', 'nginx:1.25'], sizeBytes: 500 * MB }], [{ names: ['nginx:1.25'], sizeBytes: 500 * MB }]], [48, 48]],
  ];
  it.each(cases)('%s', (_name, image, imagesPerNode, want) => {
    const nodes = imagesPerNode.map((images, i) => makeNode(`n${i}`, { images }));
    const a = schedulePod(makePod('p', { image }), { nodes, pods: [] });
    expect(nodes.map((n) => rawScoreOf(a, n.metadata.name!, ImageLocality))).toEqual(want);
  });

  it.each([
    ['nginx', 'nginx:latest'],
    ['nginx:1.25', 'nginx:1.25'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    ['registry.example.com/team/app:v2', 'registry.example.com/team/app:v2'],
  ])('normalizedImageName(%j) is %j', (name, want) => {
    expect(normalizedImageName(name)).toBe(want);
  });

  it('the threshold grows with the number of containers', () => {
    expect(calculatePriority(1000 * MB, 1)).toBe(100);
    expect(calculatePriority(1000 * MB, 2)).toBe(govDiv(100 * (1000 - 23), 2000 - 23));
  });
});

function govDiv(a: number, b: number): number {
  return Math.trunc(a / b);
}
