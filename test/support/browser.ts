/**
 * A real browser for tests of the pages as applicants see them: Debian's chromium driven by
 * playwright-core (no browser is ever downloaded), and axe-core checks against WCAG 2.2 AA.
 *
 * Without chromium the browser suites are pending, so that `npm test` passes on a fresh machine;
 * CI sets FORMPILOT_REQUIRE_BROWSER=1 so that a missing browser fails there instead.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { expect } from "chai";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export type { Browser, BrowserContext, Page };

export const chromiumPath = (): string => process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/** Without the background-networking flags chromium keeps calling home, which a closed network answers with timeouts. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const browserRequired = (): boolean => process.env.FORMPILOT_REQUIRE_BROWSER === "1";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

/**
 * For a suite's `before`: the browser, or the suite marked pending with a note on how to get one.
 * With FORMPILOT_REQUIRE_BROWSER=1 a missing browser is an error.
 */
export async function launchBrowserOrSkip(context: Mocha.Context): Promise<Browser> {
  const executable = chromiumPath();
  if (!existsSync(executable)) {
    const note = `chromium not found at ${executable}: install it with \`apt-get install chromium\` or set CHROMIUM_PATH`;
    if (browserRequired()) throw new Error(`${note} (FORMPILOT_REQUIRE_BROWSER=1 requires the browser tests)`);
    console.log(`      browser tests skipped: ${note}`);
    context.skip();
  }
  return launchBrowser();
}

/** The phone the pages are designed for first. */
export const PHONE = { width: 390, height: 844 };

/**
 * A fresh browser profile (cookies, viewport) against a running server. Its Accept-Language is
 * English unless `locale` says otherwise, so that another language is what the applicant chose.
 */
export function newContext(browser: Browser, baseURL: string, options: { locale?: string; viewport?: { width: number; height: number } } = {}): Promise<BrowserContext> {
  return browser.newContext({ baseURL, locale: options.locale ?? "en-GB", viewport: options.viewport ?? { width: 1280, height: 900 } });
}

/** Opens `path` on the context's server and expects the status the applicant should get. */
export async function openPage(context: BrowserContext, path: string, status = 200): Promise<Page> {
  const page = await context.newPage();
  const response = await page.goto(path);
  expect(response?.status(), `GET ${path}`).to.equal(status);
  return page;
}

/** A cookie of the context by name, e.g. an application's token in `fp_app_<id>`. */
export async function cookieValue(context: BrowserContext, name: string): Promise<string | undefined> {
  return (await context.cookies()).find((c) => c.name === name)?.value;
}

/** Clicks what submits a form or follows a link, and waits for the page it leads to. */
export async function clickAndWait(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

let axeSource: Promise<string> | undefined;
const axeScript = () => (axeSource ??= readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8"));

interface AxeNode {
  html: string;
  target: unknown[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

/** One violation per paragraph: rule, impact, what to do, and each offending element with axe's reason. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => [`${v.id} (${v.impact ?? "unknown impact"}): ${v.help}`, ...v.nodes.map((n) => `  ${n.html}\n    at ${JSON.stringify(n.target)}${n.failureSummary ? `\n    ${n.failureSummary.replace(/\n/g, "\n    ")}` : ""}`)].join("\n"))
    .join("\n\n");
}

/**
 * Runs axe-core with the WCAG 2.0–2.2 A and AA rules on the page as it is shown. The source is
 * evaluated rather than added as a script element, which the pages' CSP would block.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === "object");
  if (!loaded) await page.evaluate(await axeScript());
  return page.evaluate(async (values) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values } });
    return result.violations.map(({ id, impact, help, helpUrl, nodes }) => ({ id, impact, help, helpUrl, nodes: nodes.map(({ html, target, failureSummary }) => ({ html, target, failureSummary })) }));
  }, WCAG_TAGS);
}

export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations.length, `accessibility violations on ${label} (${page.url()}):\n${describeViolations(violations)}\n`).to.equal(0);
}

/** Nothing wider than the viewport: on a phone the page must not scroll sideways (WCAG 1.4.10 reflow). */
export async function expectNoHorizontalScroll(page: Page, label: string): Promise<void> {
  const { scrollWidth, clientWidth, wide } = await page.evaluate(() => {
    const root = document.documentElement;
    const wide = [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 1)
      .slice(0, 5)
      .map((e) => e.outerHTML.slice(0, 200));
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide };
  });
  expect(scrollWidth, `${label} scrolls sideways at ${clientWidth}px; too wide:\n${wide.join("\n")}`).to.be.at.most(clientWidth);
}

/**
 * Tabs through the page as a keyboard user does and lists each control that shows no sign of
 * having the focus (WCAG 2.4.7): neither an outline, nor a shadow, nor colours other than without it.
 */
export async function focusWithoutIndicator(page: Page, limit = 60): Promise<string[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const missing: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const found = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return undefined;
      // Read with the focus and then without it; inline, because helpers named here do not reach the page.
      const looks = [0, 1].map((pass) => {
        if (pass === 1) element.blur();
        const s = getComputedStyle(element);
        const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2 && !/rgba\(.*, 0\)$/.test(s.outlineColor) ? s.outlineColor : "";
        return { outline, shadow: s.boxShadow, background: s.backgroundColor, color: s.color, border: s.borderColor };
      });
      element.focus();
      const [focused, unfocused] = [looks[0]!, looks[1]!];
      const shows = focused.outline !== "" || (["shadow", "background", "color", "border"] as const).some((k) => focused[k] !== unfocused[k]);
      return { key: element.outerHTML.slice(0, 160), shows };
    });
    if (!found || seen.has(found.key)) break;
    seen.add(found.key);
    if (!found.shows) missing.push(found.key);
  }
  return missing;
}
