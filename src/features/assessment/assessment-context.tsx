/**
 * The open assessment shared by its pages (task list, sections, check answers, record):
 * one editor, one save status, for as long as the nurse stays in this assessment.
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { AssessmentRecord } from '../../domain/assessment/record';
import type { AssessmentEditor } from '../../storage/repositories/types';
import type { SaveStatusStore } from './save-status';
import type { EditLeaseState } from '../../domain/sync/lease';
import type { Result } from '../../domain/shared/result';

/** The edit lease while another tablet of the department holds it (issue 14; storage/sync/lease.ts): absent otherwise. */
export interface AssessmentLease {
  state: EditLeaseState;
  takeOver: () => Promise<Result<EditLeaseState, { kind: string; message: string }>>;
}

export interface OpenAssessment {
  editor: AssessmentEditor;
  status: SaveStatusStore;
  lease?: AssessmentLease | undefined;
}

export const OpenAssessmentContext = createContext<OpenAssessment | undefined>(undefined);

export function useOpenAssessment(): OpenAssessment {
  const value = useContext(OpenAssessmentContext);
  if (!value) throw new Error('No assessment is open');
  return value;
}

/** The record as last saved; re-renders after each save (not used on typing pages). */
export function useRecord(open: OpenAssessment): AssessmentRecord {
  return useSyncExternalStore(open.status.subscribe, () => open.editor.record());
}
