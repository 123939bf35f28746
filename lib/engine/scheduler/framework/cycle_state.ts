/**
 * framework.CycleState: what plugins compute for one pod in one scheduling cycle. Preemption
 * clones it per candidate node, so entries that change when pods are added or removed implement
 * clone().
 */

export interface StateData {
  clone(): StateData;
}

export class CycleState {
  private readonly data = new Map<string, unknown>();
  /** Plugins whose PreFilter returned Skip: their Filter is not run. */
  readonly skipFilterPlugins = new Set<string>();
  /** Plugins whose PreScore returned Skip: their Score is not run. */
  readonly skipScorePlugins = new Set<string>();

  read<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  write(key: string, value: unknown): void {
    this.data.set(key, value);
  }

  has(key: string): boolean {
    return this.data.has(key);
  }

  clone(): CycleState {
    const c = new CycleState();
    for (const [k, v] of this.data) {
      const cl = v as Partial<StateData> | null;
      c.data.set(k, cl && typeof cl.clone === 'function' ? cl.clone() : v);
    }
    for (const p of this.skipFilterPlugins) c.skipFilterPlugins.add(p);
    for (const p of this.skipScorePlugins) c.skipScorePlugins.add(p);
    return c;
  }
}
