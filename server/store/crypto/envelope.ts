/**
 * Envelope encryption, pure: AES-256-GCM with a fresh 96-bit nonce per value, the additional data
 * binding a ciphertext to where it belongs (a value moved to another application or column fails
 * to open). A sealed value is one format byte, the nonce, the tag and the ciphertext.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** The layout of a sealed value; a new layout takes the next number, and old ones stay readable. */
const FORMAT = 1;
const NONCE = 12;
const TAG = 16;
export const KEY_BYTES = 32;

export function seal(key: Buffer, plaintext: Buffer, additionalData: string): Buffer {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(additionalData, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.of(FORMAT), nonce, cipher.getAuthTag(), body]);
}

/** Throws when the key, the additional data or a single byte of the value is wrong. */
export function open(key: Buffer, sealed: Buffer, additionalData: string): Buffer {
  if (sealed.length < 1 + NONCE + TAG || sealed[0] !== FORMAT) throw new Error("not a sealed value of a known format");
  const decipher = createDecipheriv("aes-256-gcm", key, sealed.subarray(1, 1 + NONCE));
  decipher.setAAD(Buffer.from(additionalData, "utf8"));
  decipher.setAuthTag(sealed.subarray(1 + NONCE, 1 + NONCE + TAG));
  return Buffer.concat([decipher.update(sealed.subarray(1 + NONCE + TAG)), decipher.final()]);
}

/** Sealed text as text (for TEXT columns): the prefix tells a sealed value from a plain one at a glance. */
const TEXT_PREFIX = "fp1.";
export const sealText = (key: Buffer, text: string, additionalData: string): string => TEXT_PREFIX + seal(key, Buffer.from(text, "utf8"), additionalData).toString("base64");
export const isSealedText = (value: string): boolean => value.startsWith(TEXT_PREFIX);
export function openText(key: Buffer, sealed: string, additionalData: string): string {
  if (!sealed.startsWith(TEXT_PREFIX)) throw new Error("not sealed text");
  return open(key, Buffer.from(sealed.slice(TEXT_PREFIX.length), "base64"), additionalData).toString("utf8");
}

export const newDataKey = (): Buffer => randomBytes(KEY_BYTES);

/** What a wrapped data key is bound to: its owner (an application or a staff member) and the key's version. */
const wrapping = (owner: string, version: number) => `formpilot data key\0${owner}\0${version}`;
export const wrapKey = (kek: Buffer, version: number, owner: string, dataKey: Buffer): Buffer => seal(kek, dataKey, wrapping(owner, version));
export const unwrapKey = (kek: Buffer, version: number, owner: string, wrapped: Buffer): Buffer => open(kek, wrapped, wrapping(owner, version));
