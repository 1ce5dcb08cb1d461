/** The addresses of the preview pages: the session rides along in `state`, so every link keeps it. */
import type { Session } from "../../engine/session";
import { encodeSession } from "./state";

export function previewPaths(formId: string, session: Session) {
  const base = `/preview/${encodeURIComponent(formId)}`;
  const state = `state=${encodeSession(session)}`;
  return {
    overview: base,
    revision: `${base}/revision`,
    step: `${base}/step?${state}`,
    answer: `${base}/answer?${state}`,
    back: `${base}/back?${state}`,
    remove: `${base}/remove?${state}`,
    review: `${base}/review?${state}`,
    pdf: `${base}/pdf?${state}`,
    question: (pointer: string) => `${base}/question?${state}&pointer=${encodeURIComponent(pointer)}`,
    route: (index: number) => `${base}/example?route=${index}`,
    example: (file: string) => `${base}/example?file=${encodeURIComponent(file)}`,
  };
}

export type PreviewPaths = ReturnType<typeof previewPaths>;
