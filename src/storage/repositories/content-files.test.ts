/**
 * Licensed-wording content files against the real device repository (docs/content-files.md):
 * only the nurse in charge installs or removes one, it survives settings being saved, and
 * both acts are in the audit trail.
 */
import { describe, expect, it } from 'vitest';
import { defaultDeviceSettings } from '../../domain/settings/device-settings';
import { NURSE_IN_CHARGE, TRIAGE_NURSE, firstValue, like, openTestStorage, setUpTablet, triageNurse } from '../../test-support/storage-fixtures';
import { withContentFile } from './content-files';

const FILE = { format: 'safeguarding-triage/instrument-wording', instrument: 'crafft-2.1' };

describe('content files on the device', () => {
  it('are installed and removed only by the nurse in charge, kept when settings are saved, and audited', async () => {
    const { repos } = await openTestStorage();
    const nurseInChargeId = await setUpTablet(repos);
    expect(await firstValue(repos.device.contentFile('crafft-2.1'))).toBeUndefined();

    expect(await repos.device.setContentFile('crafft-2.1', FILE, 'Substance use screen wording installed')).toEqual({ ok: true, value: undefined });
    expect(await firstValue(repos.device.contentFile('crafft-2.1'))).toEqual(FILE);
    await repos.device.updateSettings({ ...defaultDeviceSettings(), idleLockMinutes: 2 });
    expect(await firstValue(repos.device.contentFile('crafft-2.1'))).toEqual(FILE);

    const added = await repos.staff.add(triageNurse());
    if (!added.ok) throw new Error('add failed');
    await repos.session.lock('manual');
    await repos.session.unlock(added.value.id, TRIAGE_NURSE.pin);
    expect(await repos.device.setContentFile('crafft-2.1', undefined, 'removed')).toEqual({ ok: false, error: like({ kind: 'forbidden' }) });
    expect(await firstValue(repos.device.contentFile('crafft-2.1'))).toEqual(FILE);

    await repos.session.lock('manual');
    await repos.session.unlock(nurseInChargeId, NURSE_IN_CHARGE.pin);
    expect(await repos.device.setContentFile('crafft-2.1', undefined, 'Substance use screen wording removed')).toEqual({ ok: true, value: undefined });
    expect(await firstValue(repos.device.contentFile('crafft-2.1'))).toBeUndefined();
    const details = (await repos.internals.audit.all()).map((event) => event.detail);
    expect(details).toEqual(expect.arrayContaining(['Substance use screen wording installed', 'Substance use screen wording removed']) as unknown);
  });

  it('replace one instrument without touching another', () => {
    expect(withContentFile({ a: 1, b: 2 }, 'a', 3)).toEqual({ a: 3, b: 2 });
    expect(withContentFile({ a: 1, b: 2 }, 'a', undefined)).toEqual({ b: 2 });
  });
});
