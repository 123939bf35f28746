import { describe, expect, it } from 'vitest';
import { EventLoop, LoopCapExceeded } from './loop';
import { EventRecorder } from './events';
import { goDuration, parseRfc3339, rfc3339 } from './time';
import { normalizeScenario, parseDocuments, parseScenarioText, ScenarioError } from './scenario';
import { ObjectStore } from './store';
import { Sequence } from './ids';
import type { KubeObject } from '../api/types';

describe('virtual time', () => {
  it.each([
    [0, '1970-01-01T00:00:00Z'],
    [12_000, '1970-01-01T00:00:12Z'],
    [75_000, '1970-01-01T00:01:15Z'],
    [86_400_000, '1970-01-02T00:00:00Z'],
    [1_500, '1970-01-01T00:00:01Z'],
  ])('rfc3339(%d) = %s', (ms, text) => {
    expect(rfc3339(ms)).toBe(text);
    expect(parseRfc3339(text)).toBe(Math.floor(ms / 1000) * 1000);
  });
  it.each([
    [0, '0s'],
    [486, '486ms'],
    [1200, '1.2s'],
    [3222, '3.222s'],
    [10_000, '10s'],
    [80_000, '1m20s'],
    [300_000, '5m0s'],
    [3_600_000, '1h0m0s'],
  ])('goDuration(%d) = %s', (ms, text) => expect(goDuration(ms)).toBe(text));
});

describe('event loop', () => {
  it('runs by time, then by scheduling order', () => {
    const loop = new EventLoop();
    const order: string[] = [];
    loop.at(20, () => order.push('b'));
    loop.at(10, () => order.push('a1'));
    loop.at(10, () => order.push('a2'));
    const t = loop.at(15, () => order.push('cancelled'));
    t.cancel();
    loop.runUntil(100);
    expect(order).toEqual(['a1', 'a2', 'b']);
    expect(loop.now).toBe(100);
  });
  it('stops at its event cap', () => {
    const loop = new EventLoop(100);
    const again = () => loop.after(0, again);
    again();
    expect(() => loop.runUntil(1000)).toThrow(LoopCapExceeded);
  });
});

describe('event correlator (events_cache.go)', () => {
  const ref = { kind: 'Pod', namespace: 'default', name: 'web', uid: 'u1', apiVersion: 'v1' };
  it('identical events fold into one with a count', () => {
    let now = 0;
    const r = new EventRecorder(() => now);
    r.record({ component: 'kubelet', host: 'n1' }, ref, 'Warning', 'BackOff', 'Back-off restarting failed container app');
    now = 10_000;
    r.record({ component: 'kubelet', host: 'n1' }, ref, 'Warning', 'BackOff', 'Back-off restarting failed container app');
    expect(r.all()).toHaveLength(1);
    expect(r.all()[0]).toMatchObject({ count: 2, firstTimestamp: '1970-01-01T00:00:00Z', lastTimestamp: '1970-01-01T00:00:10Z' });
  });
  it('the tenth and later distinct messages of one reason fold into a combined event', () => {
    let now = 0;
    const r = new EventRecorder(() => now);
    for (let i = 0; i < 12; i++) {
      now = i * 1000;
      r.record({ component: 'kubelet' }, ref, 'Warning', 'Unhealthy', `probe failed ${i}`);
    }
    const msgs = r.all().map((e) => e.message);
    expect(msgs.slice(0, 9)).toEqual([...Array(9)].map((_, i) => `probe failed ${i}`));
    expect(msgs).toHaveLength(10);
    expect(msgs[9]).toBe('(combined from similar events): probe failed 11');
    expect(r.all()[9].count).toBe(3);
  });
  it('distinct messages more than 10 minutes apart do not combine', () => {
    let now = 0;
    const r = new EventRecorder(() => now);
    for (let i = 0; i < 12; i++) {
      now = i * 700_000;
      r.record({ component: 'kubelet' }, ref, 'Warning', 'Unhealthy', `m${i}`);
    }
    expect(r.all().every((e) => !e.message.startsWith('(combined'))).toBe(true);
  });
  it('the spam filter drops bursts beyond 25 per object, yet counts them', () => {
    const now = 0;
    const r = new EventRecorder(() => now);
    for (let i = 0; i < 30; i++) r.record({ component: 'kubelet' }, ref, 'Normal', 'Pulled', 'same');
    const e = r.all()[0];
    expect(e.count).toBe(25);
  });
});

describe('scenario parsing', () => {
  it('reads YAML with a multi-document apply string', () => {
    const s = parseScenarioText('apply: |\n  apiVersion: v1\n  kind: Pod\n  metadata: {name: a}\n  ---\n  ---\n  apiVersion: v1\n  kind: Pod\n  metadata: {name: b}\nuntil: 30\n');
    expect(s.apply).toHaveLength(2);
    expect(s.until).toBe(30);
  });
  it.each([
    ['malformed YAML names line and column', 'apply: [\n', /line \d+, column \d+/],
    ['unknown keys are refused', '{"apply": [], "bogus": 1}', /unknown key "bogus"/],
    ['until is capped', '{"until": 100000}', /until: must be between/],
    ['observe beyond until', '{"until": 10, "observe": [20]}', /observe\[0\]/],
    ['an action needs exactly one verb', '{"actions": [{"at": 1}]}', /needs exactly one of/],
  ])('%s', (_n, text, re) => {
    expect(() => parseScenarioText(text)).toThrow(ScenarioError);
    expect(() => parseScenarioText(text)).toThrow(re);
  });
  it.each([
    ['0644 is YAML 1.1 octal', 'mode: 0644\n', { mode: 420 }],
    ['yes / on / n are YAML 1.1 booleans', 'a: yes\nb: on\nc: n\n', { a: true, b: true, c: false }],
    ['a repeated key keeps the last value', 'image: busybox\nimage: nginx\n', { image: 'nginx' }],
    ['10:30 stays a string (go-yaml v2 has no base 60)', 't: 10:30\n', { t: '10:30' }],
    ['a date stays a string in an untyped decode', 'd: 2020-01-01\n', { d: '2020-01-01' }],
    ['underscores in numbers', 'count: 1_000\n', { count: 1000 }],
  ])('apply YAML as kubectl reads it: %s', (_n, text, want) => {
    expect(parseDocuments(text)).toEqual([want]);
  });
  it('a malformed apply document names line and column', () => {
    expect(() => parseDocuments('a: 1\nb: [1\n')).toThrow(/^apply: line \d+, column \d+: /);
  });
  it('caps alias expansion (billion laughs)', () => {
    const bomb = 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n';
    expect(() => parseDocuments(bomb)).toThrow(ScenarioError);
  });
  it('defaults until to 300', () => {
    expect(normalizeScenario({}).until).toBe(300);
  });
});

describe('object store generateName (names.SimpleNameGenerator)', () => {
  it.each([
    ['a short prefix is kept whole', 'web-', 'web-'],
    ['a prefix longer than 58 characters is cut to 58', 'x'.repeat(60) + '-', 'x'.repeat(58)],
  ])('%s', (_n, generateName, base) => {
    const store = new ObjectStore(new Sequence(1), () => 0, 100);
    const name = store.create<KubeObject>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName } }).metadata!.name!;
    expect(name.slice(0, -5)).toBe(base);
    expect(name).toHaveLength(base.length + 5);
  });
});
