import { describe, expect, test } from 'vitest';
import { err, ok } from './result';
import type { Result } from './result';

describe('Result', () => {
  test('ok carries the value and says it succeeded', () => {
    expect(ok(42)).toEqual({ ok: true, value: 42 });
  });

  test('err carries the error and says it failed', () => {
    expect(err('full disk')).toEqual({ ok: false, error: 'full disk' });
  });

  test('the two narrow apart on ok', () => {
    const read = (result: Result<number>): string => (result.ok ? `value ${String(result.value)}` : `error ${result.error}`);
    expect([read(ok(1)), read(err('wrong PIN'))]).toEqual(['value 1', 'error wrong PIN']);
  });
});
