/**
 * SHA-256 (FIPS 180-4, sections 4.1.2, 4.2.2, 5.1.1, 5.3.3 and 6.2), synchronous, over
 * UTF-8 text or bytes, returning lower-case hex. Owns nothing else.
 *
 * Why our own, synchronous SHA-256 when WebCrypto has one: the storage layer must read the
 * previous audit event and write the next one inside ONE IndexedDB transaction, so that two
 * tabs appending at the same moment cannot fork the chain. Awaiting anything that is not an
 * IndexedDB request (crypto.subtle.digest included) lets the transaction commit early, and
 * the append would no longer be atomic. A synchronous hash can run inside the transaction.
 * (The MAC over the hash needs a key, so it is computed outside; see storage/crypto/audit-mac.)
 *
 * Why the constants are computed rather than listed: FIPS 180-4 defines them as the first
 * 32 bits of the fractional parts of the square roots (initial hash value) and cube roots
 * (round constants) of the first primes. Computing them with exact integer roots follows the
 * definition and leaves no 64-entry table to mistype; the test vectors check the result.
 *
 * Speed is adequate for audit events (a few hundred bytes each); it is not meant for bulk data.
 */

const utf8 = new TextEncoder();

/** The first `count` primes, by trial division. */
function firstPrimes(count: number): number[] {
  const primes: number[] = [];
  for (let candidate = 2; primes.length < count; candidate += 1) {
    if (primes.every((prime) => prime * prime > candidate || candidate % prime !== 0)) {
      primes.push(candidate);
    }
  }
  return primes;
}

/** floor(value^(1/degree)) for a non-negative BigInt, by Newton's method from above. */
function integerRoot(value: bigint, degree: bigint): bigint {
  if (value < 2n) return value;
  let estimate = 1n << (BigInt(value.toString(2).length) / degree + 1n);
  for (;;) {
    const next = ((degree - 1n) * estimate + value / estimate ** (degree - 1n)) / degree;
    if (next >= estimate) return estimate;
    estimate = next;
  }
}

/** The first 32 bits of the fractional part of prime^(1/degree), as FIPS 180-4 defines them. */
function fractionalBits(prime: number, degree: bigint): number {
  return Number(integerRoot(BigInt(prime) << (32n * degree), degree) & 0xffffffffn);
}

const primes = firstPrimes(64);
/** Round constants K0..K63 (section 4.2.2): cube roots of the first 64 primes. */
const K = Int32Array.from(primes, (prime) => fractionalBits(prime, 3n));
/** Initial hash value H(0) (section 5.3.3): square roots of the first 8 primes. */
const H0 = Int32Array.from(primes.slice(0, 8), (prime) => fractionalBits(prime, 2n));

/** ROTR^n(x) (section 3.2). */
const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));

/** Applies the compression function (section 6.2.2) to the 64-byte block at `offset`. */
function compress(state: Int32Array, block: Uint8Array, offset: number, w: Int32Array): void {
  for (let t = 0; t < 16; t += 1) {
    const at = offset + t * 4;
    w[t] =
      ((block[at] ?? 0) << 24) |
      ((block[at + 1] ?? 0) << 16) |
      ((block[at + 2] ?? 0) << 8) |
      (block[at + 3] ?? 0);
  }
  for (let t = 16; t < 64; t += 1) {
    const w15 = w[t - 15] ?? 0;
    const w2 = w[t - 2] ?? 0;
    const sigma0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3);
    const sigma1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10);
    w[t] = (sigma1 + (w[t - 7] ?? 0) + sigma0 + (w[t - 16] ?? 0)) | 0;
  }
  let a = state[0] ?? 0;
  let b = state[1] ?? 0;
  let c = state[2] ?? 0;
  let d = state[3] ?? 0;
  let e = state[4] ?? 0;
  let f = state[5] ?? 0;
  let g = state[6] ?? 0;
  let h = state[7] ?? 0;
  for (let t = 0; t < 64; t += 1) {
    const bigSigma1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
    const choose = (e & f) ^ (~e & g);
    const t1 = (h + bigSigma1 + choose + (K[t] ?? 0) + (w[t] ?? 0)) | 0;
    const bigSigma0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
    const majority = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (bigSigma0 + majority) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = ((state[0] ?? 0) + a) | 0;
  state[1] = ((state[1] ?? 0) + b) | 0;
  state[2] = ((state[2] ?? 0) + c) | 0;
  state[3] = ((state[3] ?? 0) + d) | 0;
  state[4] = ((state[4] ?? 0) + e) | 0;
  state[5] = ((state[5] ?? 0) + f) | 0;
  state[6] = ((state[6] ?? 0) + g) | 0;
  state[7] = ((state[7] ?? 0) + h) | 0;
}

/**
 * The SHA-256 digest of `input` as 64 lower-case hex characters.
 * Text is hashed as its UTF-8 bytes (a lone surrogate becomes U+FFFD, as in any UTF-8 encoder).
 */
export function sha256Hex(input: string | Uint8Array): string {
  const message = typeof input === 'string' ? utf8.encode(input) : input;
  const state = Int32Array.from(H0);
  const w = new Int32Array(64);

  const fullBlocks = Math.floor(message.length / 64);
  for (let block = 0; block < fullBlocks; block += 1) compress(state, message, block * 64, w);

  // Padding (section 5.1.1): the remaining bytes, a 1 bit, zeros, then the message length in
  // bits as a 64-bit big-endian number, filling one block or, if there is no room, two.
  const remaining = message.length - fullBlocks * 64;
  const tail = new Uint8Array(remaining < 56 ? 64 : 128);
  tail.set(message.subarray(fullBlocks * 64));
  tail[remaining] = 0x80;
  const bitLength = message.length * 8;
  const view = new DataView(tail.buffer);
  view.setUint32(tail.length - 8, Math.floor(bitLength / 0x1_0000_0000));
  view.setUint32(tail.length - 4, bitLength >>> 0);
  for (let offset = 0; offset < tail.length; offset += 64) compress(state, tail, offset, w);

  let hex = '';
  for (const word of state) hex += (word >>> 0).toString(16).padStart(8, '0');
  return hex;
}
