/**
 * A preview session lives in the address, not in the store: the author's own answers, written as
 * base64url JSON, so that every page of the preview can be reloaded, shared or bookmarked as is.
 */
import { newSession, type Session } from "../../engine/session";
import { isPlainObject } from "../../engine/pointer";

export const encodeSession = (session: Session): string => Buffer.from(JSON.stringify(session), "utf8").toString("base64url");

const strings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === "string");

function sessionOf(value: unknown): Session | undefined {
  if (!isPlainObject(value) || !isPlainObject(value.answers)) return undefined;
  const { answers, stash = {}, skipped = [], history = [], cursor } = value;
  if (!isPlainObject(stash) || !strings(skipped) || !strings(history)) return undefined;
  const validCursor = cursor === undefined || (isPlainObject(cursor) && typeof cursor.pointer === "string" && (cursor.mode === "back" || cursor.mode === "change"));
  if (!validCursor) return undefined;
  return { answers, stash, skipped, history, ...(cursor ? { cursor: cursor as Session["cursor"] } : {}) };
}

/** No state is a fresh session; a state that is not one we wrote is undefined. */
export function decodeSession(state: unknown): Session | undefined {
  if (state === undefined || state === "") return newSession();
  if (typeof state !== "string") return undefined;
  try {
    return sessionOf(JSON.parse(Buffer.from(state, "base64url").toString("utf8")));
  } catch {
    return undefined;
  }
}
