/**
 * A process that submits an application and stops inside the submission's transaction, where the
 * PDF is rendered, saying so on stdout: the test kills it there with SIGKILL.
 * Arguments: the SQLite file and the application id.
 */
import { openSqliteStore } from "../../server/store/sqlite/sqlite-store";
import { newSubmission } from "./submission";

const [file, id] = process.argv.slice(2);
const store = await openSqliteStore(file!);
const at = "2026-03-01T09:00:00.000Z";
const submission = newSubmission({ answers: {}, derived: null, pdf: Buffer.from("%PDF") }, {
  submittedAt: at,
  render: () => {
    process.stdout.write("rendering\n");
    return new Promise(() => setInterval(() => undefined, 1000));
  },
});
await store.submit(id!, 1, submission, { at, actor: "applicant", type: "submitted", data: {} });
