/**
 * An assessment editor made read-only because another tablet holds the edit lease (issue 14;
 * lease.ts): the same editor, with `readOnly` true, as the two-tab rule's editor is
 * (attendance-writes.ts). The screens honour `readOnly`: no new input, no signing, no addendum.
 *
 * Saves still reach this tablet's copy. The lease can move while a nurse is typing (another
 * tablet takes it over): the autosave then writes what was typed in the last second through
 * this editor as the page turns read-only, and refusing it would lose it (non-negotiable 2).
 * Written here, it is pushed, comes back as a conflict, and becomes a conflict addendum for the
 * record's owner (conflict.ts), which is exactly the path of an edit made under a lost lease.
 */
import { err } from '../../domain/shared/result';
import type { AssessmentEditor, StorageFailure } from '../repositories/types';

const refused = (): StorageFailure => ({ kind: 'forbidden', message: 'Another tablet of the department is editing this assessment, so it is read-only here.' });

export function leaseReadOnlyEditor(editor: AssessmentEditor): AssessmentEditor {
  return {
    id: editor.id,
    readOnly: true,
    record: () => editor.record(),
    update: (change) => editor.update(change),
    flush: () => editor.flush(),
    sign: () => Promise.resolve(err(refused())),
    addAddendum: () => Promise.resolve(err(refused())),
    noteChange: () => Promise.resolve(),
    close: () => editor.close(),
  };
}
