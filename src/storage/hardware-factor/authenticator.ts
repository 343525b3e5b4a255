/**
 * The tablet's platform authenticator, through WebAuthn and its PRF extension (issue 11
 * Clarification: "an optional hardware-bound factor (WebAuthn PRF where the tablet has
 * one)"). The only module that calls navigator.credentials. The storage layer is given a
 * {@link HardwareAuthenticator} (createRepositories), so unit tests pass a fake with a
 * deterministic PRF and the browser journeys use Chromium's virtual authenticator.
 *
 * It never touches crypto.subtle: it hands the PRF output (32 bytes) to storage/crypto,
 * which combines it with the PIN (hardware-kek.ts). Nothing here is stored.
 */
import { PRF_OUTPUT_BYTES } from '../crypto/hardware-kek';

export interface HardwareAuthenticator {
  /** True when this browser can make a user-verifying platform credential with PRF (feature detection only). */
  available(): Promise<boolean>;
  /** Makes a credential for this account on the tablet's authenticator; its id, or undefined when refused or without PRF. */
  enrol(account: { id: string; name: string }): Promise<Uint8Array | undefined>;
  /** The authenticator's PRF output for this credential and salt, or undefined (absent, cancelled, another authenticator, timed out). */
  evaluate(credentialId: Uint8Array, salt: Uint8Array): Promise<Uint8Array | undefined>;
}

const RELYING_PARTY_NAME = 'Safeguarding Triage';
/** How long the tablet waits for the authenticator before the attempt is refused. */
const TIMEOUT_MS = 30_000;

const copy = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes);

function challenge(): Uint8Array<ArrayBuffer> {
  // The challenge is not checked by a server here: the PRF output is what the app uses.
  return crypto.getRandomValues(new Uint8Array(32));
}

function prfResult(credential: Credential | null): Uint8Array | undefined {
  if (!(credential instanceof PublicKeyCredential)) return undefined;
  const first: unknown = credential.getClientExtensionResults().prf?.results?.first;
  const bytes = first instanceof ArrayBuffer ? new Uint8Array(first) : ArrayBuffer.isView(first) ? new Uint8Array(first.buffer, first.byteOffset, first.byteLength) : undefined;
  return bytes?.length === PRF_OUTPUT_BYTES ? new Uint8Array(bytes) : undefined;
}

/** The real one: WebAuthn in this browser, relying party = this origin's host. */
export const webAuthnAuthenticator: HardwareAuthenticator = {
  async available() {
    try {
      if (typeof PublicKeyCredential === 'undefined' || typeof navigator === 'undefined' || !('credentials' in navigator)) return false;
      if (!(await PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable())) return false;
      // Where the browser says which extensions it supports, PRF must be one; elsewhere enrolment checks prf.enabled.
      if (typeof PublicKeyCredential.getClientCapabilities === 'function') {
        const capabilities = await PublicKeyCredential.getClientCapabilities();
        if (capabilities['extension:prf'] === false) return false;
      }
      return true;
    } catch {
      return false;
    }
  },

  async enrol(account) {
    try {
      const credential = await navigator.credentials.create({
        publicKey: {
          challenge: challenge(),
          rp: { name: RELYING_PARTY_NAME },
          user: { id: new TextEncoder().encode(account.id), name: account.name, displayName: account.name },
          pubKeyCredParams: [
            { type: 'public-key', alg: -7 },
            { type: 'public-key', alg: -257 },
          ],
          authenticatorSelection: { authenticatorAttachment: 'platform', userVerification: 'required', residentKey: 'preferred' },
          timeout: TIMEOUT_MS,
          attestation: 'none',
          extensions: { prf: {} },
        },
      });
      if (!(credential instanceof PublicKeyCredential)) return undefined;
      if (credential.getClientExtensionResults().prf?.enabled !== true) return undefined;
      return new Uint8Array(credential.rawId);
    } catch {
      return undefined;
    }
  },

  async evaluate(credentialId, salt) {
    try {
      const credential = await navigator.credentials.get({
        publicKey: {
          challenge: challenge(),
          allowCredentials: [{ type: 'public-key', id: copy(credentialId) }],
          userVerification: 'required',
          timeout: TIMEOUT_MS,
          extensions: { prf: { eval: { first: copy(salt) } } },
        },
      });
      return prfResult(credential);
    } catch {
      return undefined;
    }
  },
};
