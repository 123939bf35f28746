import Link from 'next/link';

const AUDIENCES = [
  {
    title: 'Learn at your own pace',
    body: 'Eleven modules take you from what a Pod is to debugging one that will not start. Every idea comes with a manifest you can run.',
  },
  {
    title: 'Teach a class',
    body: 'Assign labs with due dates, and see in a gradebook who has got their Pods running and who is stuck in CrashLoopBackOff.',
  },
  {
    title: 'Prepare for interviews',
    body: 'Drill the questions interviewers ask about Pods. What you miss comes back for review until it sticks.',
  },
];

export default function HomePage() {
  return (
    <div className="space-y-16">
      <section className="max-w-3xl">
        <p className="text-sm font-medium uppercase tracking-wider text-brand-600">Kubernetes Pods, hands on</p>
        <h1 className="mt-3 text-4xl font-bold tracking-tight sm:text-5xl">See exactly what your cluster would do with your Pod.</h1>
        <p className="mt-6 text-lg text-slate-600 dark:text-slate-300">
          PodLab is a course on how Kubernetes runs Pods. You write a manifest; our simulated cluster validates it,
          schedules it, pulls images, starts containers, runs probes and restarts what crashes — and shows you the same
          statuses, events and error messages a real cluster would, in milliseconds.
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Link href="/learn" className="rounded-md bg-brand-600 px-5 py-2.5 font-medium text-white hover:bg-brand-700">
            Start learning
          </Link>
          <Link href="/sign-up" className="rounded-md border border-slate-300 px-5 py-2.5 font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-900">
            Create a free account
          </Link>
        </div>
      </section>

      <section aria-labelledby="who" className="space-y-6">
        <h2 id="who" className="text-2xl font-semibold tracking-tight">Who PodLab is for</h2>
        <ul className="grid gap-6 md:grid-cols-3">
          {AUDIENCES.map((a) => (
            <li key={a.title} className="rounded-xl border border-slate-200 p-6 dark:border-slate-800">
              <h3 className="font-semibold">{a.title}</h3>
              <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">{a.body}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="example" className="grid items-start gap-8 md:grid-cols-2">
        <div>
          <h2 id="example" className="text-2xl font-semibold tracking-tight">Feedback a cluster would give</h2>
          <p className="mt-3 text-slate-600 dark:text-slate-300">
            Ask for more memory than any node has and you will not get a pass or a fail: you get the scheduler&apos;s own
            explanation, node by node, of why your Pod is still Pending.
          </p>
        </div>
        <pre className="overflow-x-auto rounded-xl bg-slate-900 p-5 text-sm leading-relaxed text-slate-100">
          <code>{`$ kubectl get pods
NAME     READY   STATUS    RESTARTS   AGE
report   0/1     Pending   0          30s

Warning  FailedScheduling  default-scheduler
  0/3 nodes are available: 1 node(s) had untolerated
  taint {node-role.kubernetes.io/control-plane: },
  2 Insufficient memory.`}</code>
        </pre>
      </section>
    </div>
  );
}
