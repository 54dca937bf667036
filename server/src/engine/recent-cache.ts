// The latest few values by key (parses of files by path), the oldest set out first.
//
// Why not a Map used as an LRU (delete, then set again): V8 stores a Map's entries in a hash
// table that it replaces with a new one every few deletions, and the replaced table is left as
// it was, still pointing at the values it held. Such a table has lived long enough to be in the
// old generation, and a young-generation collection takes everything an old object points at as
// alive without asking whether that object is: every parse the cache had dropped was copied and
// promoted, again and again. Linting the bench workspace's 3,269 Dockerfiles promoted 270 MB (and
// its 2,817 compose files 330 MB) of parses no longer cached; with the cache kept in arrays whose
// slots are overwritten in place, 45 MB, and the lint ran 15–22% faster. A Map here maps keys to
// slot numbers only, so its old tables hold strings and small integers.
export class RecentCache<V> {
  private readonly slots = new Map<string, number>();
  private readonly keys: Array<string | undefined> = [];
  private readonly values: Array<V | undefined> = [];
  // Used slots in a doubly linked list by slot number, oldest (head) to newest (tail): moving or
  // dropping an entry is O(1) and allocates nothing (-1: none).
  private readonly prev: number[] = [];
  private readonly next: number[] = [];
  private head = -1;
  private tail = -1;
  private readonly free: number[] = [];
  private count = 0;

  /** `capacity` is asked at each set (it may change: see engine/cache-budget.ts). */
  constructor(private readonly capacity: () => number) {}

  get size(): number {
    return this.count;
  }

  get(key: string): V | undefined {
    const i = this.slots.get(key);
    return i === undefined ? undefined : this.values[i];
  }

  has(key: string): boolean {
    return this.slots.has(key);
  }

  /** Makes `key` the newest entry without setting it again (least recently used out first). */
  touch(key: string): void {
    const i = this.slots.get(key);
    if (i === undefined || i === this.tail) return;
    this.unlink(i);
    this.append(i);
  }

  /** Sets `key` as the newest entry; returns the values this pushed out, oldest first. */
  set(key: string, value: V): V[] {
    this.delete(key);
    const out: V[] = [];
    const cap = Math.max(1, this.capacity());
    while (this.count >= cap) out.push(this.evictOldest() as V);
    const slot = this.free.pop() ?? this.keys.length;
    this.keys[slot] = key;
    this.values[slot] = value;
    this.append(slot);
    this.slots.set(key, slot);
    this.count++;
    return out;
  }

  delete(key: string): V | undefined {
    const i = this.slots.get(key);
    if (i === undefined) return undefined;
    const v = this.values[i];
    this.slots.delete(key);
    // The slot is overwritten in place: no array or table keeps the value.
    this.keys[i] = undefined;
    this.values[i] = undefined;
    this.unlink(i);
    this.free.push(i);
    this.count--;
    return v;
  }

  /** Drops the entry set (or touched) longest ago; returns its value (undefined when empty). */
  evictOldest(): V | undefined {
    return this.head < 0 ? undefined : this.delete(this.keys[this.head]!);
  }

  /** Values, oldest first (for a cache that also counts what its values hold). */
  valuesOldestFirst(): V[] {
    const out: V[] = [];
    for (let i = this.head; i >= 0; i = this.next[i]!) out.push(this.values[i] as V);
    return out;
  }

  clear(): void {
    this.slots.clear();
    this.keys.length = 0;
    this.values.length = 0;
    this.prev.length = 0;
    this.next.length = 0;
    this.free.length = 0;
    this.head = this.tail = -1;
    this.count = 0;
  }

  private append(i: number): void {
    this.prev[i] = this.tail;
    this.next[i] = -1;
    if (this.tail >= 0) this.next[this.tail] = i;
    else this.head = i;
    this.tail = i;
  }

  private unlink(i: number): void {
    const p = this.prev[i]!;
    const n = this.next[i]!;
    if (p >= 0) this.next[p] = n;
    else this.head = n;
    if (n >= 0) this.prev[n] = p;
    else this.tail = p;
    this.prev[i] = this.next[i] = -1;
  }
}
