/**
 * What a public service must tell everyone, readable without JavaScript and without an application:
 * each form's privacy notice (from its package), the imprint and the accessibility statement (from
 * the operator's site configuration).
 */
import { Router } from "express";
import type { FormRegistry } from "../../forms/registry";
import { RIGHTS } from "../../engine/privacy-notice";
import { formatDate } from "../../engine/format";
import type { Language } from "../../i18n/languages";
import { t } from "../../i18n/translate";
import type { Contact, Localized, Site } from "../../site/site";
import { requestLanguage } from "../language";
import { privacyPathOf, render } from "./render";

const contactOf = (contact: Contact) => ({ email: contact.email, ...(contact.phone !== undefined && { phone: contact.phone }) });

/** The operator's details in one language, as the privacy notices and the imprint show them. */
function operatorOf(site: Site, lang: Language) {
  const { operator, dataProtectionOfficer: dpo } = site;
  const pick = (text: Localized) => text[lang];
  return {
    demo: site.demo,
    operator: {
      name: pick(operator.name),
      address: pick(operator.address),
      contact: contactOf(operator.contact),
      responsible: pick(operator.responsible),
      ...(operator.register && { register: pick(operator.register) }),
    },
    dpo: { name: pick(dpo.name), address: pick(dpo.address), contact: contactOf(dpo.contact) },
  };
}

export function noticePages(registry: FormRegistry, site: Site): Router {
  const router = Router();

  router.get("/privacy", (req, res) => {
    const lang = requestLanguage(req);
    const forms = registry.all().map((form) => ({ href: privacyPathOf(form.id), title: form.locales[lang].form.title }));
    render(req, res, { view: "privacy-index", lang, title: t(lang, "notices.privacy.index_title"), forms, ...operatorOf(site, lang) });
  });

  // An unknown form is not an error here: the page says there is no notice and whom to ask.
  router.get("/privacy/:formId", (req, res, next) => {
    const lang = requestLanguage(req);
    const form = registry.get(String(req.params.formId));
    if (!form) return next();
    const notice = form.privacy?.[lang];
    render(req, res, {
      view: "privacy",
      lang,
      title: t(lang, "notices.privacy.title", { form: form.locales[lang].form.title }),
      privacyFormId: form.id,
      authority: form.locales[lang].form.authority,
      notice,
      rights: notice && RIGHTS.map((right) => ({ label: t(lang, `notices.privacy.right.${right}`), text: notice.rights[right] })),
      formPath: `/forms/${encodeURIComponent(form.id)}`,
      ...operatorOf(site, lang),
    });
  });

  router.get("/imprint", (req, res) => {
    const lang = requestLanguage(req);
    render(req, res, { view: "imprint", lang, title: t(lang, "notices.imprint.title"), ...operatorOf(site, lang) });
  });

  router.get("/accessibility", (req, res) => {
    const lang = requestLanguage(req);
    const { accessibility: a } = site;
    render(req, res, {
      view: "accessibility",
      lang,
      title: t(lang, "notices.accessibility.title"),
      demo: site.demo,
      conformance: t(lang, `notices.accessibility.status.${a.status}`, { standard: a.standard[lang] }),
      assessed: t(lang, "notices.accessibility.assessed", { date: formatDate(a.assessedOn, lang), method: a.method[lang] }),
      limitations: a.limitations.map((l) => l[lang]),
      feedback: contactOf(a.feedback),
      enforcement: a.enforcement[lang],
    });
  });

  return router;
}
