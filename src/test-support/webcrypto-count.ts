/**
 * How much WebCrypto work an action asks for: the calls it makes to `crypto.subtle`, by
 * method. The scale tests assert the work an operation does (boxes opened, MACs checked),
 * which a busy machine cannot stretch; times are printed for the report and never asserted
 * (benchmarks measure speed: `npm run bench`).
 */
import { vi } from 'vitest';

const METHODS = ['decrypt', 'encrypt', 'sign', 'verify', 'digest'] as const;
export type WebCryptoCounts = Record<(typeof METHODS)[number], number>;

export async function countWebCrypto<T>(run: () => Promise<T>): Promise<{ value: T; calls: WebCryptoCounts }> {
  const spies = METHODS.map((method) => [method, vi.spyOn(globalThis.crypto.subtle, method)] as const);
  try {
    const value = await run();
    const calls = Object.fromEntries(spies.map(([method, spy]) => [method, spy.mock.calls.length])) as WebCryptoCounts;
    return { value, calls };
  } finally {
    for (const [, spy] of spies) spy.mockRestore();
  }
}
