import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ContentError, parseCourse } from './parse';

describe('parseCourse', () => {
  it('accepts the course outline in content/', () => {
    const course = parseCourse(readFileSync('content/course.yaml', 'utf8'), 'content/course.yaml');
    expect(course.modules.length).toBeGreaterThanOrEqual(11);
  });

  it.each([
    ['malformed YAML', 'version: "1"\nmodules: [', 'course.yaml: '],
    ['no modules', 'version: "1"\nmodules: []', 'modules: Too small'],
    ['an id with capitals', 'version: "1"\nmodules:\n  - {id: Pods, title: t, summary: s}', 'modules.0.id: ids are lower-case'],
    ['a duplicate id', 'version: "1"\nmodules:\n  - {id: a, title: t, summary: s}\n  - {id: a, title: u, summary: s}', 'duplicate module id "a"'],
    ['a missing title', 'version: "1"\nmodules:\n  - {id: a, summary: s}', 'modules.0.title'],
  ])('refuses %s, naming the file and field', (_name, text, message) => {
    expect(() => parseCourse(text, 'course.yaml')).toThrow(ContentError);
    expect(() => parseCourse(text, 'course.yaml')).toThrow(message);
  });
});
