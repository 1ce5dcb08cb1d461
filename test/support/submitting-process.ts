/**
 * A process that submits one application at revision 1, as a Formpilot process would, and says
 * how far it got on stdout: "opening" before it opens the store, "submitting" once it has, and
 * then, with "hang", "rendering" inside the submission's transaction, where it stops for the test
 * to kill it with SIGKILL; with "finish", the reference it was given.
 * Arguments: the database (a SQLite file or a postgres:// URL), the application id, hang or finish.
 */
import { openStore } from "../../server/store/open";
import { isConflict } from "../../server/store/store";
import { newSubmission } from "./submission";
import { TEST_PROTECTOR } from "./keys";

const [database, id, mode] = process.argv.slice(2);
const say = (line: string) => process.stdout.write(line + "\n");
say("opening");
const store = await openStore(database!, TEST_PROTECTOR);
say("submitting");
const at = "2026-03-01T09:00:00.000Z";
const submission = newSubmission({ answers: {}, derived: null, pdf: Buffer.from("%PDF") }, {
  submittedAt: at,
  render:
    mode === "hang"
      ? () => {
          say("rendering");
          return new Promise(() => setInterval(() => undefined, 1000));
        }
      : undefined,
});
const result = await store.submit(id!, 1, submission, { at, actor: "applicant", type: "submitted", data: {} });
say(isConflict(result) ? "conflict" : `reference ${result.reference}`);
await store.close();
