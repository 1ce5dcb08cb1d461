/**
 * Takes the README's picture of the chat on a phone (`npm run screenshot`): a fresh server, the
 * short-time-work chat in English, a typed answer read back, a help question answered.
 */
import path from "node:path";
import { PHONE, launchBrowser, newContext } from "../support/browser";
import { startServer } from "../support/server";

const target = path.resolve(import.meta.dirname, "../../docs/chat-phone.png");

const server = await startServer();
const browser = await launchBrowser();
try {
  const context = await newContext(browser, server.url, { viewport: PHONE });
  const page = await context.newPage();
  await page.goto("/forms/short-time-work/chat");
  await page.click('form[action$="/chat/start"] button');
  await page.waitForSelector("#chat-input:visible");
  const send = async (text: string) => {
    await page.fill("#chat-input", text);
    await Promise.all([page.waitForResponse((r) => r.url().endsWith("/chat/messages") && r.request().method() === "POST"), page.press("#chat-input", "Enter")]);
    await page.waitForFunction(() => !document.getElementById("chat")!.hasAttribute("aria-busy"));
  };
  await send("Brandt Möbelhandel e. K.");
  await send("why do you need the company number?");
  await send("34567890");
  await page.screenshot({ path: target });
  console.log(`wrote ${target}`);
} finally {
  await browser.close();
  await server.close();
}
