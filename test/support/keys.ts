/**
 * The key ring of the tests: fixed, so that a store reopened (or opened by another process, which
 * gets it as FORMPILOT_KEY) reads what the first one sealed.
 */
import { fixedKeys } from "../../server/store/crypto/key-file";
import { parseKeyRing } from "../../server/store/crypto/key-ring";
import { protector } from "../../server/store/crypto/protector";

export const TEST_KEY = Buffer.alloc(32, 7).toString("base64");
export const TEST_KEYS = fixedKeys(parseKeyRing(TEST_KEY, "the test key"));
export const TEST_PROTECTOR = protector(TEST_KEYS);
