/**
 * The OpenAPI 3.1 description of the JSON API. OpenAPI 3.1 speaks JSON Schema 2020-12, so each
 * form's own schema.json is published as the schema of its answers, not a hand-written copy; only
 * the Ajv extensions that standard tools reject are taken out, and said in prose. Every response
 * object is closed (`additionalProperties: false`): a field the server sends but the document
 * lacks fails the tests, which validate each response against this document.
 */
import type { FormRegistry } from "../../forms/registry";
import { KINDS } from "../../engine/kinds/index";
import type { SchemaObject } from "../../engine/model";
import { FORMAT_LIMITS } from "../../engine/ajv";
import { isDataReference, mapSchemas, withoutKeywords } from "../../engine/cross-answer";
import { LANGUAGES } from "../../i18n/languages";
import { XLSX } from "../../applications/list-file";
import { formatPointer, isPlainObject, parsePointer } from "../../engine/pointer";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ "application/json": { schema } });
const errors = (description: string) => ({ description, content: json(ref("Errors")) });
/** An object with exactly these properties; `required` lists the ones always present. */
const closed = (properties: Record<string, object>, required: string[] = Object.keys(properties), extra: object = {}) => ({ type: "object", additionalProperties: false, required, properties, ...extra });
/** An object whose keys are the form's (answers, inputs): any, said so explicitly, since client generators read a bare object type as an empty one. */
const openObject = (description?: string) => ({ type: "object", additionalProperties: true, ...(description && { description }) });
const idParam = { name: "id", in: "path", required: true, description: "The application's id, as returned when it was created.", schema: { type: "string" } };
/** Client mistakes every call can meet besides its own: a malformed or oversized body, a refused content type, and the like. */
const otherMistakes = { "4XX": errors("Another client mistake (a malformed or oversized body, for example); nothing stored") };
const pdf = { "application/pdf": { schema: { type: "string", contentMediaType: "application/pdf" } } };

const isAjvExtension = (keyword: string, value: unknown) => isDataReference(value) || (FORMAT_LIMITS as readonly string[]).includes(keyword);

/** "formatMinimum from the answer at 1/start": the pointer as written, relative (a leading digit) or absolute. */
const limitText = ([keyword, value]: [string, unknown]) => (isDataReference(value) ? `${keyword} from the answer at ${value.$data}` : `${keyword} ${JSON.stringify(value)}`);

/**
 * `$data` references and ajv-formats' formatMinimum and its kin are Ajv extensions, which other
 * JSON Schema tools reject: they are left out, and the description says what the server checks.
 */
export const standardSchema = (schema: SchemaObject): SchemaObject =>
  withoutKeywords(schema, isAjvExtension, (dropped) => `Also checked by the server, with Ajv extensions left out here: ${dropped.map(limitText).join(", ")}.`) as SchemaObject;

/**
 * Where a form schema's local `$ref` points once the schema is a component: `#/$defs/x` to the
 * component `Answers.<form>.x`, any other `#…` into `Answers.<form>` itself.
 */
function rebasedRef(name: string, ref: string): string {
  if (!ref.startsWith("#")) return ref;
  const [first, definition, ...rest] = parsePointer(ref.slice(1));
  const target = first === "$defs" && definition !== undefined ? [`${name}.${definition}`, ...rest] : [name, ...parsePointer(ref.slice(1))];
  return `#/components/schemas${formatPointer(target)}`;
}

/** A form's answers schema as components: the schema itself, and each of its `$defs` under a name of its own, so that every `$ref` resolves within the document. */
function answersComponents(formId: string, schema: SchemaObject): [string, unknown][] {
  const { $schema: _s, $id: _i, ...own } = schema;
  const name = `Answers.${formId}`;
  const rebased = mapSchemas(standardSchema(own), (s) => (typeof s.$ref === "string" ? { ...s, $ref: rebasedRef(name, s.$ref) } : s)) as Record<string, unknown>;
  const { $defs, ...answers } = rebased;
  return [[name, answers], ...Object.entries(isPlainObject($defs) ? $defs : {}).map(([definition, sub]): [string, unknown] => [`${name}.${definition}`, sub])];
}

const languageSchema = { enum: [...LANGUAGES] };

export function openApiDocument(registry: FormRegistry): object {
  const forms = registry.all();
  const formIds = forms.map((f) => f.id);
  const state = {
    id: { type: "string" },
    formId: { enum: formIds },
    formVersion: { type: "string" },
    status: { enum: ["draft", "submitted", "assigned", "in_review", "more_information", "approved", "rejected"] },
    language: languageSchema,
    reference: { type: ["string", "null"], description: "The reference number, once submitted." },
    submittedAt: { type: ["string", "null"], format: "date-time" },
    answers: openObject("The answers so far. Once the application is complete they validate against the form's Answers.<formId> schema."),
    derived: ref("Derived"),
    step: ref("Step"),
    progress: closed({ answered: { type: "integer" }, total: { type: "integer" } }),
    complete: { type: "boolean" },
    submittable: { type: "boolean", description: "Whether submitting now would succeed: optional questions never answered count as left blank at submit." },
    request: {
      description: "The caseworker's open request for more information: answer the reopened questions (they are asked first) and submit again.",
      oneOf: [{ type: "null" }, closed({ message: { type: "string" }, pointers: { type: "array", items: { type: "string" } } })],
    },
    decision: {
      oneOf: [
        { type: "null" },
        closed({ outcome: { enum: ["approved", "rejected"] }, amount: { type: ["number", "null"], description: "The amount granted." }, reason: { type: "string" }, decidedAt: { type: "string", format: "date-time" } }),
      ],
    },
    timeline: { type: "array", items: ref("TimelineEntry"), description: "Empty until submitted." },
  };
  const token = { type: "string", description: "Authorizes every later call on this application (`Authorization: Bearer <token>`); it is shown only this once." };
  const interpreted = closed({ pointer: { type: "string" }, value: {} }, ["pointer", "value"], { description: "The value a typed answer was read as, when it was not already of the question's type (\"1.250,50\" read as 1250.5)." });
  const stepFields = {
    kind: { const: "question" },
    pointer: { type: "string", description: "The JSON pointer to answer, with positions for repeated groups (/employees/0/name)." },
    template: { type: "string", description: "The pointer with `*` for positions: the key of the question's texts." },
    title: { type: "string" },
    description: { type: "string" },
    why: { type: "string", description: "Why the form asks this." },
    reason: { type: "string", description: "The answer that brought this conditional question in." },
    widget: { enum: ["text", "textarea", "number", "money", "date", "month", "yesno", "radios", "select", "checkboxes", "addAnother"] },
    answerKind: { enum: Object.keys(KINDS), description: "The kind of question: how a typed answer is read and a value shown (text, identifier, number, money, percent, date, month, yesno, choice, choices, addAnother)." },
    pattern: { type: "string", description: "The pattern an identifier's answer must match, after its normal form is taken." },
    valueType: { enum: ["string", "number", "integer", "boolean", "array"] },
    required: { type: "boolean", description: "False for an optional question: answer it with null to leave it blank." },
    headings: { type: "array", items: { type: "string" }, description: "The titles of the sections the question is in, outermost first." },
    choices: {
      type: "array",
      items: closed({ value: { type: ["string", "number", "boolean"] }, label: { type: "string" }, synonyms: { type: "array", items: { type: "string" }, description: "Other words for this choice in the application's language." } }, ["value", "label"]),
    },
    value: { description: "The answer given so far, if any." },
    unit: { type: "string" },
    minimum: { type: "number" },
    maximum: { type: "number" },
    format: { type: "string" },
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "Formpilot applicant API",
      version: "1.0.0",
      description: "Walk a benefit application question by question, submit it, and fetch its PDF. Errors always have the shape `{ errors: [{ code, pointer, message }] }`, the message in the application's language.",
      license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
    },
    servers: [{ url: "/", description: "The server this document is served by" }],
    tags: [{ name: "applications", description: "An applicant's application, from the first answer to the decision letter" }],
    components: {
      securitySchemes: { applicationToken: { type: "http", scheme: "bearer", description: "The token returned when the application was created." } },
      schemas: {
        Problem: closed(
          {
            code: { type: "string", description: "What is wrong, for programs: a JSON Schema keyword (minimum, pattern, required, …) or an engine code (not_active, unknown_question, …)." },
            pointer: { type: "string", description: "JSON pointer of the answer concerned; empty for the whole request." },
            message: { type: "string", description: "What is wrong, in the application's language." },
            params: { type: "object", additionalProperties: { type: ["string", "number", "boolean", "null"] }, description: "The figures of a broken JSON Schema rule, for programs: Ajv's params of the keyword, e.g. limit and comparison for a rule across answers." },
            related: { type: "array", items: { type: "string" }, description: "For a rule across answers (an end before its start): the JSON pointers of the other answers it compares. Changing either answer can fix it." },
            row: { type: "integer", minimum: 2, description: "For a cell of an imported list: its row as a spreadsheet numbers it (the header row is 1)." },
            column: { type: "string", description: "For a cell of an imported list: its column's header as in the file." },
            value: { type: "string", description: "For a cell of an imported list: the cell's text as in the file." },
          },
          ["code", "pointer", "message"],
        ),
        Errors: closed({ errors: { type: "array", items: ref("Problem"), minItems: 1 } }),
        Step: {
          description: "What comes next: a question to answer, or the review once nothing is left to ask.",
          oneOf: [
            closed(stepFields, ["kind", "pointer", "template", "title", "widget", "answerKind", "valueType", "required", "headings"]),
            closed({ kind: { const: "review" }, complete: { type: "boolean" }, problems: { type: "array", items: ref("Problem") } }),
          ],
        },
        Derived: closed(
          {
            values: {
              type: "array",
              description: "Each derived value (an estimate), with the rule and inputs that produced it.",
              items: closed(
                {
                  pointer: { type: "string" },
                  title: { type: "string" },
                  value: {},
                  unit: { type: "string", description: "EUR, KRW, percent, days, …: how the value is displayed." },
                  display: { type: "string", description: "The value as the application's language writes it." },
                  description: { type: "string", description: "What the value is, in the application's language." },
                  rule: { type: "string" },
                  explanation: { type: "string", description: "How the value is worked out: the rule in words with the figures it used, in the application's language." },
                  inputs: openObject("The answers and values the rule read, by their pointers."),
                },
                ["pointer", "title", "value", "display", "rule", "explanation", "inputs"],
              ),
            },
            eligible: { type: ["boolean", "null"], description: "Whether the eligibility rules pass; null while they cannot be told yet." },
            rules: {
              type: "array",
              items: closed({ rule: { type: "string" }, passed: { type: ["boolean", "null"] }, message: { type: "string" }, params: openObject("The figures the rule compared.") }),
            },
          },
          undefined,
          { description: "Derived values (estimates) with the rule and inputs of each, and the eligibility rules." },
        ),
        TimelineEntry: closed(
          {
            kind: { enum: ["received", "department", "caseworker", "in_review", "more_information", "resubmitted", "approved", "rejected"] },
            at: { type: "string", format: "date-time" },
            when: { type: "string", description: "The time as the application's language writes it (UTC)." },
            text: { type: "string", description: "What happened, in the application's language." },
            details: { type: "array", description: "The caseworker's message, the amount granted, the reason for a rejection.", items: closed({ label: { type: "string" }, value: { type: "string" } }) },
            questions: { type: "array", description: "Titles of the questions reopened for more information.", items: { type: "string" } },
          },
          undefined,
          { description: "One step of a submitted application's way through the authority, as the applicant reads it." },
        ),
        State: closed(state, undefined, { description: "An application as the applicant sees it." }),
        ImportReport: closed(
          {
            columns: {
              type: "array",
              description: "Each column of the file in its order, and the question it is read as.",
              items: closed({
                header: { type: "string" },
                question: { type: ["string", "null"], description: "The question's pointer with `*` for the item (/employees/*/taxClass); null: the column is not used." },
                title: { type: ["string", "null"], description: "The question's title in the application's language." },
              }),
            },
            rows: { type: "integer", description: "Rows read from the file, blank ones left out." },
            imported: { type: "integer", description: "Rows stored by this call; 0 for a preview." },
            cleanRows: { type: "integer", description: "Rows without problems." },
            firstRows: {
              type: "array",
              description: "The first clean rows as they are (or would be) stored.",
              items: closed({ row: { type: "integer" }, pointer: { type: "string", description: "The item's pointer (/employees/0)." }, answers: openObject("The item's answers, shaped like an item of the group.") }),
            },
            problems: { type: "array", items: ref("Problem"), description: "A problem per cell, with row, column, value and the message in the application's language." },
            ignored: {
              type: "array",
              description: "Cells given for a question their row does not ask (a tax class for a minijob): not stored, as a page would never ask them.",
              items: closed({ row: { type: "integer" }, column: { type: "string" }, pointer: { type: "string" } }),
            },
          },
          undefined,
          { description: "How a list file was read: the column mapping, the first rows, and the problems." },
        ),
        ImportedState: closed({ ...state, import: ref("ImportReport") }, undefined, { description: "The state after an import, with how the file was read." }),
        NewApplication: closed({ ...state, token }, undefined, { description: "A new application's state, with the token that authorizes every later call." }),
        AnsweredState: closed({ ...state, interpreted }, Object.keys(state), { description: "The state after an answer, with how a typed answer was read." }),
        CallbackRequest: closed(
          {
            id: { type: "integer" },
            name: { type: "string" },
            contact: { type: "string", description: "The phone number or e-mail address, as given (trimmed)." },
            contactKind: { enum: ["phone", "email"] },
            message: { type: "string", description: "Empty when none was given." },
            language: { ...languageSchema, description: "The application's language when the request was made." },
            createdAt: { type: "string", format: "date-time" },
            state: { enum: ["received", "handled"], description: "Handled once a caseworker has contacted the applicant." },
            handledAt: { type: ["string", "null"], format: "date-time" },
          },
          undefined,
          { description: "A request to be contacted by a caseworker, as the applicant left it." },
        ),
        NewCallbackRequest: closed(
          {
            name: { type: "string", minLength: 1, maxLength: 100 },
            contact: { type: "string", description: "An e-mail address, or a phone number: digits, spaces, + - ( ) /, at least 6 digits." },
            message: { type: "string", maxLength: 1000 },
          },
          ["name", "contact"],
        ),
        ...Object.fromEntries(forms.flatMap((f) => answersComponents(f.id, f.schema))),
      },
    },
    security: [{ applicationToken: [] }],
    paths: {
      "/api/forms/{formId}/applications": {
        post: {
          operationId: "startApplication",
          tags: ["applications"],
          summary: "Start an application",
          security: [],
          parameters: [{ name: "formId", in: "path", required: true, description: "The form to fill in.", schema: { enum: formIds } }],
          requestBody: { required: false, content: json(closed({ language: languageSchema }, [])) },
          responses: {
            "201": { description: "Created; keep the token, it authorizes every later call", content: json(ref("NewApplication")) },
            "404": errors("Unknown form"),
            "422": errors("Invalid language"),
            "429": errors("Too many applications started from this client"),
            ...otherMistakes,
          },
        },
      },
      "/api/applications/{id}": {
        get: {
          operationId: "getApplication",
          tags: ["applications"],
          summary: "The application's state",
          parameters: [idParam],
          responses: { "200": { description: "State", content: json(ref("State")) }, "401": errors("No token"), "404": errors("Unknown application or wrong token"), ...otherMistakes },
        },
      },
      "/api/applications/{id}/answers": {
        post: {
          operationId: "answerQuestions",
          tags: ["applications"],
          summary: "Answer one question, or several at once",
          description: "One answer as `{ pointer, value }` (null leaves an optional question blank), or several as `{ answers }`, an object shaped like the form's answers. Typed text is read as the question's kind.",
          parameters: [idParam],
          requestBody: {
            required: true,
            content: json({
              oneOf: [
                closed({ pointer: { type: "string", description: "The JSON pointer of the question." }, value: { description: "The answer: a value of the question's type, or text to read." } }),
                closed({ answers: openObject("Answers shaped like the form's Answers.<formId> schema; any subset.") }),
              ],
            }),
          },
          responses: {
            "200": { description: "The new state", content: json(ref("AnsweredState")) },
            "401": errors("No token"),
            "404": errors("Unknown application or wrong token"),
            "409": errors("Already submitted, or changed meanwhile"),
            "422": errors("Invalid answer, unknown or inactive question; nothing stored"),
            ...otherMistakes,
          },
        },
      },
      "/api/applications/{id}/back": {
        post: {
          operationId: "goBack",
          tags: ["applications"],
          summary: "Go back to the previous question asked",
          parameters: [idParam],
          responses: { "200": { description: "The state at the previous question", content: json(ref("State")) }, "401": errors("No token"), "404": errors("Unknown application or wrong token"), "409": errors("Already submitted"), ...otherMistakes },
        },
      },
      "/api/applications/{id}/submit": {
        post: {
          operationId: "submitApplication",
          tags: ["applications"],
          summary: "Submit a complete application",
          description: "The applicant confirms the form's declaration with the submission; without it the answer is 422 with pointer /declaration.",
          parameters: [idParam],
          requestBody: {
            required: true,
            content: json(closed({ declaration: { const: true, description: "The applicant confirms the form's declaration (its text is in the form's locale)." } }, ["declaration"])),
          },
          responses: {
            "200": { description: "Submitted; the state carries the reference number", content: json(ref("State")) },
            "401": errors("No token"),
            "404": errors("Unknown application or wrong token"),
            "409": errors("Already submitted"),
            "422": errors("Not complete"),
            ...otherMistakes,
          },
        },
      },
      "/api/applications/{id}/callback-requests": {
        post: {
          operationId: "requestCallback",
          tags: ["applications"],
          summary: "Ask to be contacted by a caseworker, in any state of the application",
          parameters: [idParam],
          requestBody: { required: true, content: json(ref("NewCallbackRequest")) },
          responses: {
            "201": { description: "Received", content: json(ref("CallbackRequest")) },
            "400": errors("Missing or invalid name, contact or message; nothing stored"),
            "401": errors("No token"),
            "404": errors("Unknown application or wrong token"),
            "409": errors("Too many requests are still open for this application"),
            ...otherMistakes,
          },
        },
        get: {
          operationId: "listCallbackRequests",
          tags: ["applications"],
          summary: "The application's callback requests, newest first",
          parameters: [idParam],
          responses: {
            "200": { description: "The requests", content: json(closed({ requests: { type: "array", items: ref("CallbackRequest") } })) },
            "401": errors("No token"),
            "404": errors("Unknown application or wrong token"),
            ...otherMistakes,
          },
        },
      },
      "/api/applications/{id}/import": {
        post: {
          operationId: "importList",
          tags: ["applications"],
          summary: "Import a repeatable group's list from a CSV file or an Excel workbook",
          description:
            "The file is the body. Its first row names the columns: a question's property name, its title or column name in any of the form's languages, or a name the form declares (`x-columns`). Every cell is read as if typed into its question, in the order a page asks them, so that a row's answers bring in its conditional questions. CSV may be `;`- or `,`-separated, UTF-8 with or without a byte order mark. With every row clean the rows are added to the list; otherwise nothing is stored and each problem names its cell, unless `cleanRowsOnly` is set.",
          parameters: [
            idParam,
            { name: "pointer", in: "query", required: true, description: "The repeatable group's pointer (/employees).", schema: { type: "string" } },
            { name: "preview", in: "query", required: false, description: "Read and check the file and store nothing: the mapping, the first rows and the problems.", schema: { enum: ["true", "false"] } },
            { name: "cleanRowsOnly", in: "query", required: false, description: "Store the rows without problems and report the others.", schema: { enum: ["true", "false"] } },
          ],
          requestBody: {
            required: true,
            content: {
              "text/csv": { schema: { type: "string" } },
              [XLSX]: { schema: { type: "string", contentMediaType: XLSX } },
            },
          },
          responses: {
            "200": {
              description: "Imported: the new state with the report; with `preview=true` the report alone, nothing stored",
              content: json({ oneOf: [ref("ImportedState"), ref("ImportReport")] }),
            },
            "401": errors("No token"),
            "404": errors("Unknown application or wrong token"),
            "409": errors("Already submitted, or changed meanwhile"),
            "413": errors("The file is larger than the limit (5 MB)"),
            "415": errors("Neither CSV nor XLSX"),
            "422": errors("An empty or unreadable file, no column matching a question, more rows than the list takes, or problems in cells (each with row, column and value); nothing stored"),
            ...otherMistakes,
          },
        },
      },
      ...Object.fromEntries(
        (["csv", "xlsx"] as const).map((format) => [
          `/api/applications/{id}/import-template.${format}`,
          {
            get: {
              operationId: `getImportTemplate${format === "csv" ? "Csv" : "Xlsx"}`,
              tags: ["applications"],
              summary: `A repeatable group's import template as ${format.toUpperCase()}: the header row in the application's language`,
              parameters: [idParam, { name: "pointer", in: "query", required: true, description: "The repeatable group's pointer (/employees).", schema: { type: "string" } }],
              responses: {
                "200": {
                  description: "The template",
                  content: format === "csv" ? { "text/csv": { schema: { type: "string" } } } : { [XLSX]: { schema: { type: "string", contentMediaType: XLSX } } },
                },
                "401": errors("No token"),
                "404": errors("Unknown application or wrong token"),
                "422": errors("The pointer names no repeatable group"),
                ...otherMistakes,
              },
            },
          },
        ]),
      ),
      "/api/applications/{id}/pdf": {
        get: {
          operationId: "getApplicationPdf",
          tags: ["applications"],
          summary: "The submitted application as PDF",
          parameters: [idParam],
          responses: { "200": { description: "PDF", content: pdf }, "401": errors("No token"), "404": errors("Not submitted, unknown application or wrong token"), ...otherMistakes },
        },
      },
      "/api/applications/{id}/letter": {
        get: {
          operationId: "getDecisionLetter",
          tags: ["applications"],
          summary: "The decision letter as PDF",
          parameters: [idParam],
          responses: { "200": { description: "PDF", content: pdf }, "401": errors("No token"), "404": errors("Not decided yet, unknown application or wrong token"), ...otherMistakes },
        },
      },
    },
  };
}
