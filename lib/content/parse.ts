import { parse } from 'yaml';
import { courseSchema, type Course } from './schema';

export class ContentError extends Error {}

/** Parses and validates the course outline; a problem names the file and the field. */
export function parseCourse(text: string, file: string): Course {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    throw new ContentError(`${file}: ${(e as Error).message}`);
  }
  const result = courseSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new ContentError(`${file}: ${problems.join('; ')}`);
  }
  return result.data;
}
