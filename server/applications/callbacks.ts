/**
 * "Talk to a person": when the pages or the assistant cannot help, the applicant leaves a name, a
 * phone number or e-mail address and a short message with their application, whatever its state,
 * and a caseworker contacts them. Caseworkers see the open requests and mark them handled.
 */
import type { Problem } from "../engine/problem";
import type { ApplicationRecord, CallbackRequest, ContactKind, StaffRecord } from "../store/store";
import type { Language } from "../i18n/languages";
import { t, type MessageKey, type Params } from "../i18n/translate";
import type { Failure, Result, Services } from "./service";

const NAME_MAX = 100;
const CONTACT_MAX = 254;
export const MESSAGE_MAX = 1000;
/** Enough for a follow-up or a correction, too few to flood a caseworker's list from one application. */
export const MAX_OPEN_PER_APPLICATION = 3;
/** A phone number has at least this many digits, so that "12" is not taken for one. */
const PHONE_DIGITS_MIN = 6;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[0-9 +\-()/]+$/;

/** An address as e-mail systems take it: one @, a dotted domain, no spaces, at most 254 characters. */
export const isEmailAddress = (text: string): boolean => text.length <= CONTACT_MAX && EMAIL.test(text);

const isPhoneNumber = (text: string): boolean => PHONE.test(text) && (text.match(/[0-9]/g)?.length ?? 0) >= PHONE_DIGITS_MIN;

/** The kind of contact the text is, or undefined when it is neither a phone number nor an e-mail address. */
function contactKindOf(text: string): ContactKind | undefined {
  if (isEmailAddress(text)) return "email";
  if (text.length <= CONTACT_MAX && isPhoneNumber(text)) return "phone";
  return undefined;
}

/** Characters as a reader counts them (a Korean syllable or an emoji is one), not UTF-16 units. */
const lengthOf = (text: string): number => [...text].length;

const problem = (lang: Language, code: string, pointer: string, key: MessageKey, params?: Params): Problem => ({ code, pointer, message: t(lang, key, params) });

interface Input {
  name: unknown;
  contact: unknown;
  message: unknown;
}

type Checked = { name: string; contact: string; contactKind: ContactKind; message: string };

/** Trimmed text, or undefined for anything that is not a string (a number, an object, nothing). */
const textOf = (value: unknown): string | undefined => (typeof value === "string" ? value.trim() : undefined);

/** Every problem of the input at once, so that the applicant can fix them all in one go. */
export function checkCallbackInput(input: Input, lang: Language): { ok: true; value: Checked } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const name = textOf(input.name) ?? "";
  if (!name) problems.push(problem(lang, "required", "/name", "callback.name_required"));
  else if (lengthOf(name) > NAME_MAX) problems.push(problem(lang, "too_long", "/name", "callback.name_too_long", { max: NAME_MAX }));

  const contact = textOf(input.contact) ?? "";
  const contactKind = contactKindOf(contact);
  if (!contact) problems.push(problem(lang, "required", "/contact", "callback.contact_required"));
  else if (!contactKind) problems.push(problem(lang, "invalid_contact", "/contact", "callback.contact_invalid", { digits: PHONE_DIGITS_MIN }));

  const given = input.message === undefined || input.message === null ? "" : textOf(input.message);
  if (given === undefined) problems.push(problem(lang, "type", "/message", "callback.message_not_text"));
  else if (lengthOf(given) > MESSAGE_MAX) problems.push(problem(lang, "too_long", "/message", "callback.message_too_long", { max: MESSAGE_MAX, length: lengthOf(given) }));

  if (problems.length > 0 || !contactKind) return { ok: false, problems };
  return { ok: true, value: { name, contact, contactKind, message: given ?? "" } };
}

const failure = (status: number, problems: Problem[]): Failure => ({ ok: false, status, problems });

/**
 * Leaves a callback request with the application, in `lang`, the language the applicant is using.
 * Bad input is 400 with a problem per field; more than MAX_OPEN_PER_APPLICATION open requests, 409.
 */
export async function requestCallback(s: Services, record: ApplicationRecord, input: Input, lang: Language): Promise<Result<CallbackRequest>> {
  const checked = checkCallbackInput(input, lang);
  if (!checked.ok) return failure(400, checked.problems);
  const added = await s.store.addCallbackRequest(
    { applicationId: record.id, ...checked.value, language: lang, createdAt: s.now().toISOString() },
    { maxOpen: MAX_OPEN_PER_APPLICATION },
  );
  if (!added.ok) return failure(409, [problem(lang, "too_many_open", "", "callback.too_many_open", { max: MAX_OPEN_PER_APPLICATION })]);
  return { ok: true, value: added.request };
}

/** A caseworker has contacted the applicant. Unknown is 404; handled before (by a colleague, or in another tab) is 409. */
export async function markCallbackHandled(s: Services, staff: StaffRecord, id: number, lang: Language): Promise<Result<CallbackRequest>> {
  const notFound = failure(404, [problem(lang, "not_found", "", "callback.staff.not_found")]);
  if (!Number.isSafeInteger(id) || id < 1) return notFound;
  const marked = await s.store.markCallbackHandled(id, staff.id, s.now().toISOString());
  if (marked.ok) return { ok: true, value: marked.request };
  return marked.reason === "not_found" ? notFound : failure(409, [problem(lang, "already_handled", "", "callback.staff.already_handled")]);
}

/** A request as the applicant sees it: whether it was handled, never by whom (no staff id leaves the agency). */
export type CallbackView = Omit<CallbackRequest, "applicationId" | "handledBy"> & { state: "received" | "handled" };

export function callbackView(request: CallbackRequest): CallbackView {
  const { applicationId: _application, handledBy: _staff, ...shown } = request;
  return { ...shown, state: request.handledAt === null ? "received" : "handled" };
}
