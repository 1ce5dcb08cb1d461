/**
 * What the store seals personal values with. Each owner (an application, a staff member) has its
 * own data key, kept wrapped by a KEK beside the owner's row; each value is sealed under that
 * data key with the owner and its field as additional data. An owner without a data key holds
 * plain values: rows written while encryption was off (for measuring its cost only), or not yet
 * sealed by the first start after the upgrade (see seal-existing.ts).
 */
import { blindIndex, emailForm, identifierForm } from "./blind-index";
import { isSealedText, newDataKey, open, openText, seal, sealText, unwrapKey, wrapKey } from "./envelope";
import type { KeySource } from "./key-file";

export interface WrappedKey {
  wrapped: Buffer;
  version: number;
}

/** The values of one owner, sealed and opened under its data key (or passed through without one). */
export interface OwnerFields {
  text(field: string, value: string): string;
  openText(field: string, stored: string): string;
  bytes(field: string, value: Buffer): Buffer;
  openBytes(field: string, stored: Buffer): Buffer;
}

export interface Protector {
  /** False only while measuring what encryption costs. */
  encrypts: boolean;
  /** A new data key for `owner`, wrapped by the current KEK; undefined when encryption is off. */
  newKey(owner: string): { key: Buffer; stored: WrappedKey } | undefined;
  /** The fields of an owner whose stored key is `stored` (null: plain values). */
  fields(owner: string, stored: WrappedKey | null): OwnerFields;
  /** The key re-wrapped by the current KEK, or undefined when it already is. */
  rewrap(owner: string, stored: WrappedKey): WrappedKey | undefined;
  currentVersion(): number;
  /** The blind index of a value of `field`; e-mail addresses compare as addresses, anything else as an identifier. */
  index(field: string, value: string, kind?: "email" | "identifier"): string;
}

const bound = (owner: string, field: string) => `formpilot\0${owner}\0${field}`;

export const PLAIN: OwnerFields = {
  text: (_field, value) => value,
  openText: (_field, stored) => stored,
  bytes: (_field, value) => value,
  openBytes: (_field, stored) => stored,
};

/**
 * The fields of an erased owner, whose key was destroyed: what was sealed under it stays as it was
 * (the events' data) and reads as an empty object's JSON; what was written in clear at erasure reads as it is.
 */
export const ERASED: OwnerFields = {
  text: (_field, value) => value,
  openText: (_field, stored) => (isSealedText(stored) ? "{}" : stored),
  bytes: (_field, value) => value,
  openBytes: (_field, stored) => stored,
};

export function keyedFields(owner: string, key: Buffer): OwnerFields {
  return {
    text: (field, value) => sealText(key, value, bound(owner, field)),
    openText: (field, stored) => openText(key, stored, bound(owner, field)),
    bytes: (field, value) => seal(key, value, bound(owner, field)),
    openBytes: (field, stored) => open(key, stored, bound(owner, field)),
  };
}

/** `encrypt: false` exists for measuring what encryption costs (FORMPILOT_ENCRYPTION=off), never for serving. */
export function protector(keys: KeySource, options: { encrypt: boolean } = { encrypt: true }): Protector {
  return {
    encrypts: options.encrypt,
    newKey: (owner) => {
      if (!options.encrypt) return undefined;
      const key = newDataKey();
      const version = keys.ring().current;
      return { key, stored: { wrapped: wrapKey(keys.kek(version), version, owner, key), version } };
    },
    fields: (owner, stored) => (stored ? keyedFields(owner, unwrapKey(keys.kek(stored.version), stored.version, owner, stored.wrapped)) : PLAIN),
    rewrap: (owner, stored) => {
      const current = keys.ring().current;
      if (stored.version === current) return undefined;
      const key = unwrapKey(keys.kek(stored.version), stored.version, owner, stored.wrapped);
      return { wrapped: wrapKey(keys.kek(current), current, owner, key), version: current };
    },
    currentVersion: () => keys.ring().current,
    index: (field, value, kind = "identifier") => blindIndex(keys.ring().index, field, value, kind === "email" ? emailForm : identifierForm),
  };
}
