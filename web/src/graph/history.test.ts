import { describe, expect, it } from 'vitest';
import { emptyHistory, recordAction, redoAction, undoAction } from './history.js';

describe('canvas undo stack', () => {
  it('undoes actions in reverse order and redoes them forward', () => {
    let h = emptyHistory<string>();
    h = recordAction(h, 'A'); // A → B
    h = recordAction(h, 'B'); // B → C
    const u1 = undoAction(h, 'C')!;
    expect(u1.state).toBe('B');
    const u2 = undoAction(u1.history, u1.state)!;
    expect(u2.state).toBe('A');
    expect(undoAction(u2.history, u2.state)).toBeNull();
    const r1 = redoAction(u2.history, u2.state)!;
    expect(r1.state).toBe('B');
    const r2 = redoAction(r1.history, r1.state)!;
    expect(r2.state).toBe('C');
    expect(redoAction(r2.history, r2.state)).toBeNull();
  });

  it('forgets what was undone once a new action is taken', () => {
    let h = recordAction(emptyHistory<string>(), 'A');
    const u = undoAction(h, 'B')!;
    h = recordAction(u.history, u.state);
    expect(h.future).toEqual([]);
    expect(redoAction(h, 'C')).toBeNull();
  });

  it('keeps at most the limit of actions, dropping the oldest', () => {
    let h = emptyHistory<number>();
    for (let i = 0; i < 10; i++) h = recordAction(h, i, 3);
    expect(h.past).toEqual([7, 8, 9]);
  });
});
