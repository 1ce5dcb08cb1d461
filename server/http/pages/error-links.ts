/** The error summary's links: to the answer a problem is about, and to the other answers it compares. */
import type { Form } from "../../engine/form";
import type { Problem } from "../../engine/problem";
import type { Language } from "../../i18n/languages";
import { templateOf } from "../../engine/pointer";
import { titleOf } from "../../engine/texts";
import { t } from "../../i18n/translate";
import type { ApplicationPaths } from "./paths";
import type { ErrorLink } from "./render";

/** An end before its start can be fixed at either answer: the summary offers to change the other one too. */
export function errorLink(form: Form, lang: Language, paths: ApplicationPaths, problem: Problem, href: string | undefined): ErrorLink {
  const others = (problem.related ?? []).map((pointer) => ({ href: paths.change(pointer), text: t(lang, "page.change_answer", { question: titleOf(form, lang, templateOf(pointer)) }) }));
  return { message: problem.message, href, others: others.length > 0 ? others : undefined };
}
