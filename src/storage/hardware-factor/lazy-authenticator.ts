/**
 * The WebAuthn authenticator (authenticator.ts), loaded only when first asked: most tablets
 * and most unlocks never use it, so it stays out of the first-load JavaScript.
 */
import type { HardwareAuthenticator } from './authenticator';

const load = async () => (await import('./authenticator')).webAuthnAuthenticator;

export const lazyWebAuthnAuthenticator: HardwareAuthenticator = {
  available: async () => (await load()).available(),
  enrol: async (account) => (await load()).enrol(account),
  evaluate: async (credentialId, salt) => (await load()).evaluate(credentialId, salt),
};
