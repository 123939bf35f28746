import { z } from 'zod';

/** A stable content id: lower-case words joined by dashes (they appear in URLs and in stored progress). */
export const contentId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'ids are lower-case words joined by dashes, e.g. pod-lifecycle' });

export const moduleSchema = z.object({
  id: contentId,
  title: z.string().min(1),
  summary: z.string().min(1),
});

export const courseSchema = z
  .object({
    version: z.string().min(1),
    modules: z.array(moduleSchema).min(1),
  })
  .superRefine((course, ctx) => {
    const seen = new Set<string>();
    course.modules.forEach((m, i) => {
      if (seen.has(m.id)) {
        ctx.addIssue({ code: 'custom', path: ['modules', i, 'id'], message: `duplicate module id "${m.id}"` });
      }
      seen.add(m.id);
    });
  });

export type Course = z.infer<typeof courseSchema>;
export type CourseModule = z.infer<typeof moduleSchema>;
