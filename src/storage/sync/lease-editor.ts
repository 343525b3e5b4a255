/**
 * An assessment editor made read-only because another tablet holds the edit lease (issue 14;
 * lease.ts): the same editor, with `readOnly` true and every write refused, as the two-tab
 * rule's editor is (attendance-writes.ts). The screens already honour `readOnly`.
 */
import { err } from '../../domain/shared/result';
import type { AssessmentEditor, StorageFailure } from '../repositories/types';

const refused = (): StorageFailure => ({ kind: 'forbidden', message: 'Another tablet of the department is editing this assessment, so it is read-only here.' });

export function leaseReadOnlyEditor(editor: AssessmentEditor): AssessmentEditor {
  return {
    id: editor.id,
    readOnly: true,
    record: () => editor.record(),
    update: () => Promise.resolve(err(refused())),
    flush: () => editor.flush(),
    sign: () => Promise.resolve(err(refused())),
    addAddendum: () => Promise.resolve(err(refused())),
    noteChange: () => Promise.resolve(),
    close: () => editor.close(),
  };
}
