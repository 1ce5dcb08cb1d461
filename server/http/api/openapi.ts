/**
 * The OpenAPI 3.1 description of the JSON API. OpenAPI 3.1 speaks JSON Schema 2020-12, so each
 * form's own schema.json is published as the schema of its answers, not a hand-written copy; only
 * the Ajv extensions that standard tools reject are taken out, and said in prose.
 */
import type { FormRegistry } from "../../forms/registry";
import { KINDS } from "../../engine/kinds/index";
import type { SchemaObject } from "../../engine/model";
import { FORMAT_LIMITS } from "../../engine/ajv";
import { isDataReference, withoutKeywords } from "../../engine/cross-answer";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ "application/json": { schema } });
const errors = (description: string) => ({ description, content: json(ref("Errors")) });
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
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

export function openApiDocument(registry: FormRegistry): object {
  const forms = registry.all();
  const answersSchemas = Object.fromEntries(
    forms.map((f) => {
      const { $schema: _s, $id: _i, ...schema } = f.schema;
      return [`Answers.${f.id}`, standardSchema(schema)];
    }),
  );
  return {
    openapi: "3.1.0",
    info: { title: "Formpilot applicant API", version: "1.0.0", description: "Walk a benefit application question by question, submit it, and fetch its PDF." },
    components: {
      securitySchemes: { applicationToken: { type: "http", scheme: "bearer", description: "The token returned when the application was created." } },
      schemas: {
        Problem: {
          type: "object",
          required: ["code", "pointer", "message"],
          properties: {
            code: { type: "string", description: "What is wrong, for programs: a JSON Schema keyword (minimum, pattern, required, …) or an engine code (not_active, unknown_question, …)." },
            pointer: { type: "string", description: "JSON pointer of the answer concerned; empty for the whole request." },
            message: { type: "string", description: "What is wrong, in the application's language." },
            params: { type: "object", description: "The figures of a broken JSON Schema rule, for programs: Ajv's params of the keyword, e.g. limit and comparison for a rule across answers." },
            related: { type: "array", items: { type: "string" }, description: "For a rule across answers (an end before its start): the JSON pointers of the other answers it compares. Changing either answer can fix it." },
          },
        },
        Errors: { type: "object", required: ["errors"], properties: { errors: { type: "array", items: ref("Problem") } } },
        Step: {
          oneOf: [
            {
              type: "object",
              required: ["kind", "pointer", "title", "widget", "valueType", "required"],
              properties: {
                kind: { const: "question" },
                pointer: { type: "string" },
                template: { type: "string" },
                title: { type: "string" },
                description: { type: "string" },
                why: { type: "string" },
                reason: { type: "string" },
                widget: { enum: ["text", "textarea", "number", "money", "date", "month", "yesno", "radios", "select", "checkboxes", "addAnother"] },
                answerKind: { enum: Object.keys(KINDS), description: "The kind of question: how a typed answer is read and a value shown (text, identifier, number, money, percent, date, month, yesno, choice, choices, addAnother)." },
                pattern: { type: "string", description: "The pattern an identifier's answer must match, after its normal form is taken." },
                valueType: { enum: ["string", "number", "integer", "boolean", "array"] },
                required: { type: "boolean" },
                headings: { type: "array", items: { type: "string" } },
                choices: { type: "array", items: { type: "object", properties: { value: {}, label: { type: "string" } } } },
                value: {},
                unit: { type: "string" },
                minimum: { type: "number" },
                maximum: { type: "number" },
                format: { type: "string" },
              },
            },
            { type: "object", required: ["kind", "complete", "problems"], properties: { kind: { const: "review" }, complete: { type: "boolean" }, problems: { type: "array", items: ref("Problem") } } },
          ],
        },
        TimelineEntry: {
          type: "object",
          description: "One step of a submitted application's way through the authority, as the applicant reads it.",
          required: ["kind", "at", "when", "text", "details", "questions"],
          properties: {
            kind: { enum: ["received", "department", "caseworker", "in_review", "more_information", "resubmitted", "approved", "rejected"] },
            at: { type: "string", format: "date-time" },
            when: { type: "string", description: "The time as the application's language writes it (UTC)." },
            text: { type: "string", description: "What happened, in the application's language." },
            details: { type: "array", description: "The caseworker's message, the amount granted, the reason for a rejection.", items: { type: "object", required: ["label", "value"], properties: { label: { type: "string" }, value: { type: "string" } } } },
            questions: { type: "array", description: "Titles of the questions reopened for more information.", items: { type: "string" } },
          },
        },
        State: {
          type: "object",
          required: ["id", "formId", "formVersion", "status", "language", "answers", "derived", "step", "progress", "complete", "request", "decision", "timeline"],
          properties: {
            id: { type: "string" },
            formId: { enum: forms.map((f) => f.id) },
            formVersion: { type: "string" },
            status: { enum: ["draft", "submitted", "assigned", "in_review", "more_information", "approved", "rejected"] },
            language: { enum: ["ko", "de", "en"] },
            reference: { type: ["string", "null"] },
            submittedAt: { type: ["string", "null"], format: "date-time" },
            answers: { type: "object", description: "The answers so far. Once the application is complete they validate against the form's Answers.<formId> schema." },
            derived: { type: "object", description: "Derived values (estimates) with the rule and inputs of each, and the eligibility rules." },
            step: ref("Step"),
            progress: { type: "object", properties: { answered: { type: "integer" }, total: { type: "integer" } } },
            complete: { type: "boolean" },
            request: {
              description: "The caseworker's open request for more information: answer the reopened questions (they are asked first) and submit again.",
              oneOf: [{ type: "null" }, { type: "object", required: ["message", "pointers"], properties: { message: { type: "string" }, pointers: { type: "array", items: { type: "string" } } } }],
            },
            decision: {
              oneOf: [
                { type: "null" },
                {
                  type: "object",
                  required: ["outcome", "amount", "reason", "decidedAt"],
                  properties: { outcome: { enum: ["approved", "rejected"] }, amount: { type: ["number", "null"], description: "The amount granted." }, reason: { type: "string" }, decidedAt: { type: "string", format: "date-time" } },
                },
              ],
            },
            timeline: { type: "array", items: ref("TimelineEntry"), description: "Empty until submitted." },
          },
        },
        CallbackRequest: {
          type: "object",
          description: "A request to be contacted by a caseworker, as the applicant left it.",
          required: ["id", "name", "contact", "contactKind", "message", "language", "createdAt", "state", "handledAt"],
          properties: {
            id: { type: "integer" },
            name: { type: "string" },
            contact: { type: "string", description: "The phone number or e-mail address, as given (trimmed)." },
            contactKind: { enum: ["phone", "email"] },
            message: { type: "string", description: "Empty when none was given." },
            language: { enum: ["ko", "de", "en"], description: "The application's language when the request was made." },
            createdAt: { type: "string", format: "date-time" },
            state: { enum: ["received", "handled"], description: "Handled once a caseworker has contacted the applicant." },
            handledAt: { type: ["string", "null"], format: "date-time" },
          },
        },
        NewCallbackRequest: {
          type: "object",
          required: ["name", "contact"],
          properties: {
            name: { type: "string", minLength: 1, maxLength: 100 },
            contact: { type: "string", description: "An e-mail address, or a phone number: digits, spaces, + - ( ) /, at least 6 digits." },
            message: { type: "string", maxLength: 1000 },
          },
        },
        ...answersSchemas,
      },
    },
    security: [{ applicationToken: [] }],
    paths: {
      "/api/forms/{formId}/applications": {
        post: {
          summary: "Start an application",
          security: [],
          parameters: [{ name: "formId", in: "path", required: true, schema: { enum: forms.map((f) => f.id) } }],
          requestBody: { required: false, content: json({ type: "object", properties: { language: { enum: ["ko", "de", "en"] } } }) },
          responses: {
            "201": { description: "Created; keep the token, it authorizes every later call", content: json({ allOf: [ref("State"), { type: "object", required: ["token"], properties: { token: { type: "string" } } }] }) },
            "404": errors("Unknown form"),
            "422": errors("Invalid language"),
            "429": errors("Too many applications started from this client"),
          },
        },
      },
      "/api/applications/{id}": {
        get: { summary: "The application's state", parameters: [idParam], responses: { "200": { description: "State", content: json(ref("State")) }, "401": errors("No token"), "404": errors("Unknown application or wrong token") } },
      },
      "/api/applications/{id}/answers": {
        post: {
          summary: "Answer one question, or several at once",
          parameters: [idParam],
          requestBody: {
            required: true,
            content: json({
              oneOf: [
                { type: "object", required: ["pointer", "value"], properties: { pointer: { type: "string" }, value: {} } },
                { type: "object", required: ["answers"], properties: { answers: { type: "object" } } },
              ],
            }),
          },
          responses: {
            "200": { description: "The new state", content: json(ref("State")) },
            "401": errors("No token"),
            "404": errors("Unknown application or wrong token"),
            "409": errors("Already submitted, or changed meanwhile"),
            "422": errors("Invalid answer, unknown or inactive question; nothing stored"),
          },
        },
      },
      "/api/applications/{id}/back": {
        post: { summary: "Go back to the previous question asked", parameters: [idParam], responses: { "200": { description: "The state at the previous question", content: json(ref("State")) }, "404": errors("Unknown application or wrong token"), "409": errors("Already submitted") } },
      },
      "/api/applications/{id}/submit": {
        post: {
          summary: "Submit a complete application",
          parameters: [idParam],
          responses: {
            "200": { description: "Submitted; the state carries the reference number", content: json(ref("State")) },
            "404": errors("Unknown application or wrong token"),
            "409": errors("Already submitted"),
            "422": errors("Not complete"),
          },
        },
      },
      "/api/applications/{id}/callback-requests": {
        post: {
          summary: "Ask to be contacted by a caseworker, in any state of the application",
          parameters: [idParam],
          requestBody: { required: true, content: json(ref("NewCallbackRequest")) },
          responses: {
            "201": { description: "Received", content: json(ref("CallbackRequest")) },
            "400": errors("Missing or invalid name, contact or message; nothing stored"),
            "401": errors("No token"),
            "404": errors("Unknown application or wrong token"),
            "409": errors("Too many requests are still open for this application"),
          },
        },
        get: {
          summary: "The application's callback requests, newest first",
          parameters: [idParam],
          responses: {
            "200": { description: "The requests", content: json({ type: "object", required: ["requests"], properties: { requests: { type: "array", items: ref("CallbackRequest") } } }) },
            "401": errors("No token"),
            "404": errors("Unknown application or wrong token"),
          },
        },
      },
      "/api/applications/{id}/pdf": {
        get: { summary: "The submitted application as PDF", parameters: [idParam], responses: { "200": { description: "PDF", content: pdf }, "404": errors("Not submitted, unknown application or wrong token") } },
      },
      "/api/applications/{id}/letter": {
        get: { summary: "The decision letter as PDF", parameters: [idParam], responses: { "200": { description: "PDF", content: pdf }, "404": errors("Not decided yet, unknown application or wrong token") } },
      },
    },
  };
}
