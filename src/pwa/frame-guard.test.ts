import { describe, expect, it } from 'vitest';
import { isFramed } from './frame-guard';

describe('isFramed', () => {
  it('is false for a top-level window', () => {
    const win: { top?: unknown; self?: unknown } = {};
    win.top = win;
    win.self = win;
    expect(isFramed(win as Window)).toBe(false);
  });

  it('is true when the top window is another page', () => {
    const win = { top: {}, self: {} } as unknown as Window;
    expect(isFramed(win)).toBe(true);
  });

  it('is true when reading the top window throws (a cross-origin parent)', () => {
    const win = {
      get top(): Window {
        throw new DOMException('Blocked a frame', 'SecurityError');
      },
      self: {},
    } as unknown as Window;
    expect(isFramed(win)).toBe(true);
  });
});
