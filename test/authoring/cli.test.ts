/** The toolkit as authors start it: `npx formpilot …` (bin/formpilot.js) and `npm run forms -- …`. */
import { expect } from "chai";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { brokenFixture, editJson, formpilot, removeTemps } from "./helpers";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");

async function exitOf(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("the formpilot command", () => {
  after(removeTemps);

  it("passes its arguments through bin/formpilot.js and exits with the command's code", async () => {
    const dir = await brokenFixture((d) => editJson(path.join(d, "schema.json"), (s) => (s.allOf[0].if.properties.kind.const = "shp")));
    const failed = await exitOf(process.execPath, ["bin/formpilot.js", "lint", dir]);
    expect(failed.code).to.equal(1);
    expect(failed.stdout).to.contain("error condition_never_true");
  });

  it("answers a wrong command line with usage help and exit code 2", async () => {
    const unknown = await formpilot("lnt");
    expect([unknown.code, unknown.err[0]]).to.deep.equal([2, 'unknown command "lnt"']);
    expect(unknown.err[1]).to.match(/^usage: formpilot <command>/);
    const option = await formpilot("lint", "short-time-work", "--jsn");
    expect(option.code).to.equal(2);
    expect(option.err[0]).to.match(/^formpilot lint: Unknown option '--jsn'/);
    const missing = await formpilot("test", "no-such-form");
    expect([missing.code, missing.err[0]]).to.deep.equal([2, 'formpilot test: "no-such-form" is neither a form under forms nor a folder']);
    expect((await formpilot("help")).code).to.equal(0);
  });

  it("runs as npm run forms", async () => {
    const ok = await exitOf("npm", ["run", "-s", "forms", "--", "lint", "short-time-work"]);
    expect([ok.code, ok.stdout]).to.deep.equal([0, "short-time-work: 0 errors, 0 warnings\n"]);
  });
});
