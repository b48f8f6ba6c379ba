/**
 * What bounds a statement before it runs: the caller's deadline (a request's), and gates — a
 * connection budget shared by everyone, and a per-user budget for analyst queries — whose waiters
 * give up with QUERY_TIMEOUT when the deadline passes.
 */
import { StoreError, type QueryOptions } from './types.js';

const tooLate = (what: string) => new StoreError('QUERY_TIMEOUT', `the request's deadline passed ${what}`);

/**
 * The timeout a statement may run with: the store's default (or the caller's `timeoutMs`; 0 = none),
 * shortened to what is left before the deadline. Throws QUERY_TIMEOUT when nothing is left, so no
 * statement starts after the deadline.
 */
export function statementTimeout(opts: QueryOptions, defaultMs: number): number {
  const own = opts.timeoutMs ?? defaultMs;
  if (opts.deadline === undefined) return own;
  const left = Math.floor(opts.deadline - Date.now());
  if (left <= 0) throw tooLate('before the statement could start');
  return own > 0 ? Math.min(own, left) : left;
}

interface Waiter {
  resolve: () => void;
  reject: (err: Error) => void;
}

/** At most `size` holders at once; the rest wait in order, each until its deadline. */
export class Gate {
  private held = 0;
  private readonly waiting: Waiter[] = [];

  constructor(readonly size: number) {
    if (!(size >= 1)) throw new Error(`a gate needs room for at least one, got ${size}`);
  }

  get busy(): number {
    return this.held;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves when a place is free; rejects with QUERY_TIMEOUT if `opts.deadline` passes first. */
  acquire(opts: Pick<QueryOptions, 'deadline'> = {}, what = 'while waiting for a connection'): Promise<void> {
    if (this.held < this.size) {
      this.held++;
      return Promise.resolve();
    }
    const { deadline } = opts;
    if (deadline !== undefined && deadline <= Date.now()) return Promise.reject(tooLate(what));
    return new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter: Waiter = {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject,
      };
      if (deadline !== undefined) {
        timer = setTimeout(() => {
          const i = this.waiting.indexOf(waiter);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(tooLate(what));
        }, deadline - Date.now());
      }
      this.waiting.push(waiter);
    });
  }

  /** Hands the place to the next waiter, or frees it. */
  release(): void {
    const next = this.waiting.shift();
    if (next) next.resolve();
    else this.held--;
  }

  /** Refuses every waiter (the store is closing). */
  rejectAll(err: Error): void {
    for (const w of this.waiting.splice(0)) w.reject(err);
  }
}

/** One gate per actor, created on first use and dropped when idle. */
export class ActorGates {
  private readonly gates = new Map<string, Gate>();

  constructor(readonly perActor: number) {}

  async acquire(actor: string, opts: Pick<QueryOptions, 'deadline'>): Promise<() => void> {
    let gate = this.gates.get(actor);
    if (!gate) this.gates.set(actor, (gate = new Gate(this.perActor)));
    try {
      await gate.acquire(opts, `while ${actor}'s other analyst queries ran (at most ${this.perActor} at once)`);
    } catch (err) {
      this.dropIfIdle(actor, gate);
      throw err;
    }
    return () => {
      gate.release();
      this.dropIfIdle(actor, gate);
    };
  }

  private dropIfIdle(actor: string, gate: Gate): void {
    if (gate.busy === 0 && gate.queued === 0 && this.gates.get(actor) === gate) this.gates.delete(actor);
  }
}

/** Runs `run` within the actor's budget (default actor: anonymous); the caller then takes a shared place. */
export async function withActorBudget<T>(actors: ActorGates, opts: QueryOptions, run: () => Promise<T>): Promise<T> {
  const release = await actors.acquire(opts.actor ?? 'anonymous', opts);
  try {
    return await run();
  } finally {
    release();
  }
}
