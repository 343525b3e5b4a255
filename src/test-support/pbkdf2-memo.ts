/**
 * Tests only: remembers PBKDF2 derivations within one test worker (its files share globals:
 * vite.config.ts, `isolate`), so the same PIN, salt and iteration count are stretched once
 * however many times tests unlock with them.
 *
 * Why: the app never writes or accepts fewer than 600,000 iterations (keys.ts), and the tests
 * keep it that way rather than lowering the floor for themselves; each derivation then costs
 * about 140 ms of Node's CPU, and most storage tests set up, unlock, lock and unlock again with
 * the same PIN. PBKDF2 is a pure function of password, salt, iterations, hash and length, so
 * returning the bits computed before changes nothing a test can observe except the time: a
 * different PIN, salt or count is a different entry and is derived in full. Every other
 * algorithm goes straight to WebCrypto.
 */

type Subtle = SubtleCrypto;

function hex(bytes: ArrayBuffer | ArrayBufferView): string {
  const view = ArrayBuffer.isView(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array(bytes);
  let out = '';
  for (const byte of view) out += byte.toString(16).padStart(2, '0');
  return out;
}

function algorithmName(algorithm: AlgorithmIdentifier): string {
  return (typeof algorithm === 'string' ? algorithm : algorithm.name).toUpperCase();
}

function hashName(hash: HashAlgorithmIdentifier): string {
  return (typeof hash === 'string' ? hash : hash.name).toUpperCase();
}

/** Installs the memo on `subtle` (idempotent). */
export function memoisePbkdf2(subtle: Subtle): void {
  const marked = subtle as Subtle & { __pbkdf2Memo?: true };
  if (marked.__pbkdf2Memo) return;
  marked.__pbkdf2Memo = true;

  const passwordOf = new WeakMap<CryptoKey, Uint8Array<ArrayBuffer>>();
  const bitsCache = new Map<string, Promise<ArrayBuffer>>();
  const importKey = subtle.importKey.bind(subtle) as (...args: unknown[]) => Promise<CryptoKey>;
  const deriveBits = subtle.deriveBits.bind(subtle);
  const deriveKey = subtle.deriveKey.bind(subtle);

  Object.defineProperty(subtle, 'importKey', {
    configurable: true,
    value: async (...args: unknown[]): Promise<CryptoKey> => {
      const key = await importKey(...args);
      const [format, keyData, algorithm] = args as [string, ArrayBuffer | ArrayBufferView, AlgorithmIdentifier];
      if (format === 'raw' && algorithmName(algorithm) === 'PBKDF2') {
        const view = ArrayBuffer.isView(keyData) ? new Uint8Array(keyData.buffer, keyData.byteOffset, keyData.byteLength) : new Uint8Array(keyData);
        passwordOf.set(key, view.slice());
      }
      return key;
    },
  });

  // `usage`: what the call needs of the base key; a key imported without it goes to WebCrypto, which refuses it as it should.
  const cachedBits = (algorithm: Pbkdf2Params, baseKey: CryptoKey, length: number, usage: KeyUsage): Promise<ArrayBuffer> | undefined => {
    const password = passwordOf.get(baseKey);
    if (password === undefined || !baseKey.usages.includes(usage)) return undefined;
    const entry = [hex(password), hex(algorithm.salt), algorithm.iterations, hashName(algorithm.hash), length].join('|');
    let bits = bitsCache.get(entry);
    if (bits === undefined) {
      // The bits come from a key of the same password made for deriveBits (the caller's may be for deriveKey only).
      bits = importKey('raw', password, 'PBKDF2', false, ['deriveBits']).then((material) => deriveBits(algorithm, material, length));
      bitsCache.set(entry, bits);
      // A failed derivation (a bad parameter) is not remembered: the next call throws as WebCrypto would.
      bits.catch(() => bitsCache.delete(entry));
    }
    return bits.then((buffer) => buffer.slice(0));
  };

  Object.defineProperty(subtle, 'deriveBits', {
    configurable: true,
    value: (algorithm: AlgorithmIdentifier | Pbkdf2Params, baseKey: CryptoKey, length: number): Promise<ArrayBuffer> =>
      (algorithmName(algorithm) === 'PBKDF2' ? cachedBits(algorithm as Pbkdf2Params, baseKey, length, 'deriveBits') : undefined) ?? deriveBits(algorithm, baseKey, length),
  });

  Object.defineProperty(subtle, 'deriveKey', {
    configurable: true,
    value: async (
      algorithm: AlgorithmIdentifier | Pbkdf2Params,
      baseKey: CryptoKey,
      derivedKeyType: AlgorithmIdentifier | AesDerivedKeyParams | HmacImportParams,
      extractable: boolean,
      keyUsages: KeyUsage[],
    ): Promise<CryptoKey> => {
      const length = typeof derivedKeyType === 'object' && 'length' in derivedKeyType ? derivedKeyType.length : undefined;
      const bits = algorithmName(algorithm) === 'PBKDF2' && typeof length === 'number' ? cachedBits(algorithm as Pbkdf2Params, baseKey, length, 'deriveKey') : undefined;
      if (bits === undefined) return deriveKey(algorithm, baseKey, derivedKeyType, extractable, keyUsages);
      return importKey('raw', await bits, derivedKeyType, extractable, keyUsages);
    },
  });
}
