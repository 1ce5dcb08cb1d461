/**
 * The keys: the key ring's forms, rotation while a store keeps serving, retiring versions no data
 * key needs, and the modes of the files that hold keys and data.
 */
import { expect } from "chai";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { keysRotate } from "../../server/cli/keys-rotate";
import { loadConfig, protectorOf } from "../../server/config";
import { newSession } from "../../server/engine/session";
import { fixedKeys } from "../../server/store/crypto/key-file";
import { formatKeyRing, newKeyRing, parseKeyRing, withNewVersion, without } from "../../server/store/crypto/key-ring";
import { protector } from "../../server/store/crypto/protector";
import { openSqliteStore } from "../../server/store/sqlite/sqlite-store";
import type { Store } from "../../server/store/store";
import { startServer, tempDataDir } from "../support/server";
import { failureOf, withDirectSql } from "../support/store";

const AT = "2026-03-01T09:00:00.000Z";
const FORM = { formId: "short-time-work", version: "1.0.0", schema: {}, locales: {}, registeredAt: AT };

async function draft(store: Store, id: string, name: string): Promise<void> {
  await store.createApplication({ id, formId: FORM.formId, formVersion: FORM.version, language: "de", session: { ...newSession(), answers: { employer: { name } } }, tokenHash: "ab".repeat(32), createdAt: AT }, { at: AT, actor: "applicant", type: "created", data: {} });
}

const nameIn = async (store: Store, id: string) => ((await store.getApplication(id))?.session.answers as { employer: { name: string } }).employer.name;
const modeOf = async (file: string) => (await stat(file)).mode & 0o777;

describe("the key ring", () => {
  it("is written and read back whole, and names where it came from, never a key, when it is wrong", () => {
    const ring = withNewVersion(newKeyRing());
    const read = parseKeyRing(formatKeyRing(ring), "keys.json");
    expect(read.current).to.equal(2);
    expect([...read.keys.keys()]).to.deep.equal([1, 2]);
    expect(read.keys.get(2)!.equals(ring.keys.get(2)!)).to.equal(true);
    expect(read.index.equals(ring.index)).to.equal(true);
    const broken = formatKeyRing(ring).replace(/"current": 2/, '"current": 3');
    expect(() => parseKeyRing(broken, "keys.json")).to.throw("keys.json: the current version 3 has no key");
    expect(() => parseKeyRing("short", "FORMPILOT_KEY")).to.throw(/^FORMPILOT_KEY holds neither/);
    expect(() => without(ring, [2])).to.throw("current");
  });

  it("takes one secret in FORMPILOT_KEY as version 1, with the index key derived apart from the KEK", () => {
    const ring = parseKeyRing(Buffer.alloc(32, 1).toString("base64"), "FORMPILOT_KEY");
    expect(ring.current).to.equal(1);
    expect(ring.keys.get(1)!.equals(ring.index)).to.equal(false);
  });

  it("finds equal values by their blind index, without the value, and only with the same index key", () => {
    const one = protector(fixedKeys(newKeyRing()));
    expect(one.index("iban", "DE89 3704 0044 0532 0130 00")).to.equal(one.index("iban", "de89370400440532013000"));
    expect(one.index("iban", "DE89370400440532013000")).not.to.include("DE89");
    expect(one.index("companyNumber", "12345678")).not.to.equal(one.index("iban", "12345678"));
    expect(protector(fixedKeys(newKeyRing())).index("iban", "DE89370400440532013000")).not.to.equal(one.index("iban", "DE89370400440532013000"));
    expect(one.index("staff.email", "A.B@amt.example", "email")).not.to.equal(one.index("staff.email", "ab@amt.example", "email"));
  });
});

describe("npm run keys:rotate", () => {
  it("re-wraps every data key while the store serves: data of key 1 and key 2 readable, and after --retire only key 2 needed", async () => {
    const dir = await tempDataDir();
    const env = { FORMPILOT_DATA: dir };
    const config = await loadConfig(env);
    const file = path.join(dir, "formpilot.sqlite");
    const serving = await openSqliteStore(file, protectorOf(config));
    const out: string[] = [];
    const io = { out: (line: string) => out.push(line), err: (line: string) => out.push(line) };
    const versions = () => withDirectSql(file, (db) => db.all<{ id: string; key_version: number }>("SELECT id, key_version FROM applications ORDER BY id"));
    try {
      await serving.registerFormVersion(FORM);
      await draft(serving, "app-1", "Müller Metallbau GmbH");
      await serving.createStaff({ id: "staff-1", email: "kim@amt.example", name: "Kim", role: "caseworker", passwordHash: "!", createdAt: AT });
      expect(await versions()).to.deep.equal([{ id: "app-1", key_version: 1 }]);

      expect(await keysRotate([], env, io)).to.equal(0);
      expect(out.at(-1)).to.match(/^Key version 2 is current; 2 data keys re-wrapped/);
      // The store opened before the rotation wraps new keys with version 2 and reads both.
      await draft(serving, "app-2", "Bäckerei Schmidt");
      expect(await versions()).to.deep.equal([
        { id: "app-1", key_version: 2 },
        { id: "app-2", key_version: 2 },
      ]);
      expect(await nameIn(serving, "app-1")).to.equal("Müller Metallbau GmbH");
      expect(await nameIn(serving, "app-2")).to.equal("Bäckerei Schmidt");
      const keyFile = path.join(dir, "keys.json");
      expect([...parseKeyRing(await readFile(keyFile, "utf8"), "keys.json").keys.keys()]).to.deep.equal([1, 2]);

      expect(await keysRotate(["--retire"], env, io)).to.equal(0);
      expect(out.at(-1)).to.equal("0 data keys re-wrapped with version 2. Retired versions: 1. Versions kept: 2.");
      const left = parseKeyRing(await readFile(keyFile, "utf8"), "keys.json");
      expect([...left.keys.keys()]).to.deep.equal([2]);
      expect(await modeOf(keyFile)).to.equal(0o600);
      // A store given key 2 alone reads everything.
      const onlyTwo = await openSqliteStore(file, protector(fixedKeys(left)));
      try {
        expect(await nameIn(onlyTwo, "app-1")).to.equal("Müller Metallbau GmbH");
        expect(await nameIn(onlyTwo, "app-2")).to.equal("Bäckerei Schmidt");
        expect((await onlyTwo.staffByEmail("KIM@amt.example"))?.email).to.equal("kim@amt.example");
      } finally {
        await onlyTwo.close();
      }
      // Key 1 alone opens nothing any more.
      const oldRing = { current: 1, keys: new Map([[1, Buffer.alloc(32)]]), index: left.index };
      const onlyOne = await openSqliteStore(file, protector(fixedKeys(oldRing)));
      try {
        expect((await failureOf(onlyOne.getApplication("app-1"))).message).to.include("no key-encryption key of version 2");
      } finally {
        await onlyOne.close();
      }
    } finally {
      await serving.close();
    }
  });

  it("refuses keys that come from FORMPILOT_KEY, which it cannot change", async () => {
    const err: string[] = [];
    expect(await keysRotate([], { FORMPILOT_KEY: Buffer.alloc(32, 3).toString("base64"), FORMPILOT_DATA: await tempDataDir() }, { out: () => undefined, err: (line) => err.push(line) })).to.equal(2);
    expect(err[0]).to.match(/^The keys come from FORMPILOT_KEY/);
  });
});

describe("the files of a first start", () => {
  it("are for the server's user alone: the data folder 700, the database, its log and the key files 600", async () => {
    const dir = path.join(await tempDataDir(), "data");
    const server = await startServer(dir, { FORMPILOT_KEY: "", FORMPILOT_SECRET: "" });
    try {
      expect(await modeOf(dir)).to.equal(0o700);
      for (const name of ["formpilot.sqlite", "formpilot.sqlite-wal", "formpilot.sqlite-shm", "keys.json", "secret.key"]) {
        expect([name, await modeOf(path.join(dir, name))]).to.deep.equal([name, 0o600]);
      }
    } finally {
      await server.close();
    }
  });
});
