// What every view shares: the data revision (bumped after any change, so views reload), the
// current document, and navigation between views.
import { createContext, useContext } from 'react';
import type { ViewName } from './App';

export interface FocusRequest {
  documentId: number;
  start: number;
  end: number;
  /** Increments so that asking for the same passage twice flashes it twice. */
  nonce: number;
}

export interface WorkbenchContext {
  revision: number;
  /** Call after any change to the store, so every view shows the new state. */
  changed(): void;
  documentId: number | null;
  setDocumentId(id: number): void;
  view: ViewName;
  setView(view: ViewName): void;
  focus: FocusRequest | null;
  /** Opens the Article view on a passage, scrolls to it and flashes it. */
  showPassage(documentId: number, start: number, end: number): void;
  /** The note the Notes view should open (set by “Note on this passage”). */
  focusNote: number | null;
  /** The entity whose mentions the Article view marks (set from the Entities view). */
  focusEntity: { id: number; name: string } | null;
  showEntity(entity: { id: number; name: string } | null): void;
  openNote(id: number): void;
}

export const Context = createContext<WorkbenchContext | null>(null);

export function useWorkbench(): WorkbenchContext {
  const value = useContext(Context);
  if (!value) throw new Error('useWorkbench outside the workbench');
  return value;
}
