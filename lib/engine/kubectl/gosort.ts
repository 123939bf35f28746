/**
 * Go's sort.Sort / sort.Slice (pattern-defeating quicksort, Go 1.19+), reproduced so that elements
 * kubectl compares as equal (events with the same lastTimestamp, tolerations with the same key)
 * end up in the order kubectl prints them. Up to 12 elements this is a stable insertion sort;
 * longer inputs are not stable, exactly as in Go. Returns a sorted copy.
 */
export function goSort<T>(items: readonly T[], less: (a: T, b: T) => boolean): T[] {
  const data = items.slice();
  const n = data.length;
  if (n > 1) pdqsort(new Sorter(data, less), 0, n, bitLength(n));
  return data;
}

interface SortData {
  less(i: number, j: number): boolean;
  swap(i: number, j: number): void;
}

class Sorter<T> implements SortData {
  constructor(
    readonly data: T[],
    private readonly lessFn: (a: T, b: T) => boolean,
  ) {}
  less(i: number, j: number): boolean {
    return this.lessFn(this.data[i], this.data[j]);
  }
  swap(i: number, j: number): void {
    const t = this.data[i];
    this.data[i] = this.data[j];
    this.data[j] = t;
  }
}

type S = SortData;
const UNKNOWN = 0;
const INCREASING = 1;
const DECREASING = 2;

function bitLength(n: number): number {
  return n === 0 ? 0 : 32 - Math.clz32(n);
}

function insertionSort(s: S, a: number, b: number): void {
  for (let i = a + 1; i < b; i++) {
    for (let j = i; j > a && s.less(j, j - 1); j--) s.swap(j, j - 1);
  }
}

function siftDown(s: S, lo: number, hi: number, first: number): void {
  let root = lo;
  for (;;) {
    let child = 2 * root + 1;
    if (child >= hi) return;
    if (child + 1 < hi && s.less(first + child, first + child + 1)) child++;
    if (!s.less(first + root, first + child)) return;
    s.swap(first + root, first + child);
    root = child;
  }
}

function heapSort(s: S, a: number, b: number): void {
  const hi = b - a;
  for (let i = Math.trunc((hi - 1) / 2); i >= 0; i--) siftDown(s, i, hi, a);
  for (let i = hi - 1; i >= 0; i--) {
    s.swap(a, a + i);
    siftDown(s, 0, i, a);
  }
}

function pdqsort(s: S, a: number, b: number, limit: number): void {
  const maxInsertion = 12;
  let wasBalanced = true;
  let wasPartitioned = true;
  for (;;) {
    const length = b - a;
    if (length <= maxInsertion) {
      insertionSort(s, a, b);
      return;
    }
    if (limit === 0) {
      heapSort(s, a, b);
      return;
    }
    if (!wasBalanced) {
      breakPatterns(s, a, b);
      limit--;
    }
    let [pivot, hint] = choosePivot(s, a, b);
    if (hint === DECREASING) {
      reverseRange(s, a, b);
      pivot = b - 1 - (pivot - a);
      hint = INCREASING;
    }
    if (wasBalanced && wasPartitioned && hint === INCREASING && partialInsertionSort(s, a, b)) return;
    // Many elements equal to the one before this range: put the equal ones first and skip them.
    if (a > 0 && !s.less(a - 1, pivot)) {
      a = partitionEqual(s, a, b, pivot);
      continue;
    }
    const [mid, alreadyPartitioned] = partition(s, a, b, pivot);
    wasPartitioned = alreadyPartitioned;
    const leftLen = mid - a;
    const rightLen = b - mid;
    const balanceThreshold = Math.trunc(length / 8);
    if (leftLen < rightLen) {
      wasBalanced = leftLen >= balanceThreshold;
      pdqsort(s, a, mid, limit);
      a = mid + 1;
    } else {
      wasBalanced = rightLen >= balanceThreshold;
      pdqsort(s, mid + 1, b, limit);
      b = mid;
    }
  }
}

function partition(s: S, a: number, b: number, pivot: number): [number, boolean] {
  s.swap(a, pivot);
  let i = a + 1;
  let j = b - 1;
  while (i <= j && s.less(i, a)) i++;
  while (i <= j && !s.less(j, a)) j--;
  if (i > j) {
    s.swap(j, a);
    return [j, true];
  }
  s.swap(i, j);
  i++;
  j--;
  for (;;) {
    while (i <= j && s.less(i, a)) i++;
    while (i <= j && !s.less(j, a)) j--;
    if (i > j) break;
    s.swap(i, j);
    i++;
    j--;
  }
  s.swap(j, a);
  return [j, false];
}

function partitionEqual(s: S, a: number, b: number, pivot: number): number {
  s.swap(a, pivot);
  let i = a + 1;
  let j = b - 1;
  for (;;) {
    while (i <= j && !s.less(a, i)) i++;
    while (i <= j && s.less(a, j)) j--;
    if (i > j) break;
    s.swap(i, j);
    i++;
    j--;
  }
  return i;
}

function partialInsertionSort(s: S, a: number, b: number): boolean {
  const maxSteps = 5;
  const shortestShifting = 50;
  let i = a + 1;
  for (let step = 0; step < maxSteps; step++) {
    while (i < b && !s.less(i, i - 1)) i++;
    if (i === b) return true;
    if (b - a < shortestShifting) return false;
    s.swap(i, i - 1);
    if (i - a >= 2) {
      for (let j = i - 1; j >= 1; j--) {
        if (!s.less(j, j - 1)) break;
        s.swap(j, j - 1);
      }
    }
    if (b - i >= 2) {
      for (let j = i + 1; j < b; j++) {
        if (!s.less(j, j - 1)) break;
        s.swap(j, j - 1);
      }
    }
  }
  return false;
}

const MASK64 = (1n << 64n) - 1n;

function breakPatterns(s: S, a: number, b: number): void {
  const length = b - a;
  if (length < 8) return;
  // Go seeds its xorshift with the length, so the "random" swaps are the same on every run.
  let random = BigInt(length);
  const modulus = 1 << bitLength(length);
  const start = a + Math.trunc(length / 4) * 2 - 1;
  for (let idx = start; idx <= start + 2; idx++) {
    random ^= (random << 13n) & MASK64;
    random ^= random >> 7n;
    random ^= (random << 17n) & MASK64;
    let other = Number(random & BigInt(modulus - 1));
    if (other >= length) other -= length;
    s.swap(idx, a + other);
  }
}

function choosePivot(s: S, a: number, b: number): [number, number] {
  const shortestNinther = 50;
  const maxSwaps = 4 * 3;
  const l = b - a;
  const swaps = { n: 0 };
  let i = a + Math.trunc(l / 4) * 1;
  let j = a + Math.trunc(l / 4) * 2;
  let k = a + Math.trunc(l / 4) * 3;
  if (l >= 8) {
    if (l >= shortestNinther) {
      i = median(s, i - 1, i, i + 1, swaps);
      j = median(s, j - 1, j, j + 1, swaps);
      k = median(s, k - 1, k, k + 1, swaps);
    }
    j = median(s, i, j, k, swaps);
  }
  if (swaps.n === 0) return [j, INCREASING];
  if (swaps.n === maxSwaps) return [j, DECREASING];
  return [j, UNKNOWN];
}

function median(s: S, a: number, b: number, c: number, swaps: { n: number }): number {
  const order2 = (x: number, y: number): [number, number] => {
    if (s.less(y, x)) {
      swaps.n++;
      return [y, x];
    }
    return [x, y];
  };
  [a, b] = order2(a, b);
  [b, c] = order2(b, c);
  [a, b] = order2(a, b);
  void c;
  return b;
}

function reverseRange(s: S, a: number, b: number): void {
  for (let i = a, j = b - 1; i < j; i++, j--) s.swap(i, j);
}
