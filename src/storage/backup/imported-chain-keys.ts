/**
 * Where an imported audit chain is kept (meta 'audit-import:<source tablet id>') and the
 * additional data its sealed note is bound to: shared by the restore that writes it
 * (backup-write.ts) and the re-seal job that moves it to a new key (reseal.ts), without the
 * job loading the restore.
 */
export const IMPORTED_CHAIN_PREFIX = 'audit-import:';
export const importedChainKey = (sourceTabletId: string): string => `${IMPORTED_CHAIN_PREFIX}${sourceTabletId}`;
/** The sealed note of an imported chain is bound to this tablet and to the source tablet it came from. */
export const importedChainAad = (deviceId: string, sourceTabletId: string): string => `${deviceId}:meta:${importedChainKey(sourceTabletId)}`;
