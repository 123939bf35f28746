import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Interview prep' };

export default function InterviewPage() {
  return (
    <div className="max-w-2xl">
      <h1 className="text-3xl font-bold tracking-tight">Interview prep</h1>
      <p className="mt-3 text-slate-600 dark:text-slate-300">
        Short quizzes on the questions interviewers ask about Pods, with spaced review of the ones you miss. The first
        question sets open here as the course modules are published.
      </p>
    </div>
  );
}
