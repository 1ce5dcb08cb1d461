import { expect } from "chai";
import bcrypt from "bcryptjs";
import { hashPassword, passwordMatches } from "../../server/applications/password-hash";

/** Counts event-loop turns until `work` settles: a thread busy hashing would hardly turn at all. */
async function turnsDuring<T>(work: Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0;
  let done = false;
  const turn = () => {
    turns++;
    if (!done) setImmediate(turn);
  };
  setImmediate(turn);
  const value = await work;
  done = true;
  return { value, turns };
}

const RIGHT = bcrypt.hashSync("right", 12);

describe("password hashing", () => {
  it("checks hashes made before, by bcryptjs on the main thread, and refuses a wrong password", async () => {
    const existing = bcrypt.hashSync("a password long enough", 10);
    expect(await passwordMatches("a password long enough", existing)).to.equal(true);
    expect(await passwordMatches("a password long enougH", existing)).to.equal(false);
    expect(await passwordMatches("anything", "!"), "a seeded account without a password").to.equal(false);
  });

  it("makes bcrypt hashes at the cost asked for", async () => {
    const hash = await hashPassword("a password long enough", 11);
    expect(bcrypt.getRounds(hash)).to.equal(11);
    expect(bcrypt.compareSync("a password long enough", hash)).to.equal(true);
  });

  it("leaves the event loop free while it hashes: other requests are served meanwhile", async () => {
    // bcryptjs's own async API turns the loop once per 100 ms slice; off the main thread it turns thousands of times.
    const { value, turns } = await turnsDuring(Promise.all(Array.from({ length: 4 }, () => passwordMatches("wrong", RIGHT))));
    expect(value).to.deep.equal([false, false, false, false]);
    expect(turns).to.be.greaterThan(200);
  });
});
