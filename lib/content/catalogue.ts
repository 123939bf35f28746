import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { cache } from 'react';
import { parseCourse } from './parse';

/** The course outline from content/course.yaml, validated; read once per process. */
export const loadCourse = cache(async () => {
  const file = path.join(process.cwd(), 'content/course.yaml');
  return parseCourse(await readFile(file, 'utf8'), 'content/course.yaml');
});
