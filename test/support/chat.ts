/**
 * The chat as its script uses it, without a browser: starts a conversation, sends turns, and keeps
 * the messages on screen exactly as the script does (new ones added, changed ones replaced, gone
 * ones removed, everything anew on a reset), so tests read what the applicant would see.
 */
import { expect } from "chai";
import { Browser } from "./http";
import type { ChatMessage, ChatView, Prompt, QuickReply, Turn } from "../../server/http/chat/conversation";

export interface ChatReply extends ChatView {
  revision: number;
}

export class ChatClient {
  readonly browser: Browser;
  shown: ChatMessage[] = [];
  prompt?: Prompt;
  revision?: number;
  id = "";
  /** Each turn's reply, last one last. */
  last?: ChatReply;

  constructor(base: string, language = "en") {
    this.browser = new Browser(base, { language });
  }

  private headers(): Record<string, string> {
    // The script's fetch, like every same-origin fetch that posts, carries the page's Origin.
    return { "content-type": "application/json", accept: "application/json", origin: new URL(this.browser.base).origin, cookie: [...this.browser.cookies].map(([n, v]) => `${n}=${v}`).join("; ") };
  }

  async start(formId: string): Promise<void> {
    const started = await this.browser.post(`/forms/${formId}/chat/start`);
    expect(started.status, "starting the chat").to.equal(303);
    this.id = /^\/applications\/([^/]+)\/chat$/.exec(started.location ?? "")![1]!;
    await this.load();
  }

  async load(): Promise<ChatReply> {
    const res = await fetch(`${this.browser.base}/applications/${this.id}/chat/messages`, { headers: this.headers() });
    expect(res.status).to.equal(200);
    return this.apply((await res.json()) as ChatReply);
  }

  /** Sends a turn as the script does; a refused one (4xx) is returned as is and changes nothing on screen. */
  async raw(body: unknown): Promise<{ status: number; body: any }> {
    const res = await fetch(`${this.browser.base}/applications/${this.id}/chat/messages`, { method: "POST", headers: this.headers(), body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  }

  async send(turn: Turn): Promise<ChatReply> {
    const res = await this.raw({ turn, revision: this.revision });
    expect(res.status, `turn ${JSON.stringify(turn)}: ${JSON.stringify(res.body)}`).to.equal(200);
    return this.apply(res.body as ChatReply);
  }

  type(text: string): Promise<ChatReply> {
    return this.send({ kind: "text", pointer: this.prompt?.pointer ?? "", text });
  }

  /** Taps the quick reply with this label. */
  tap(label: string): Promise<ChatReply> {
    const reply = this.reply(label);
    expect(reply, `a quick reply "${label}" among ${JSON.stringify(this.prompt?.replies.map((r) => r.label))}`).to.not.equal(undefined);
    return this.send(reply!.turn as Turn);
  }

  reply(label: string): QuickReply | undefined {
    return this.prompt?.replies.find((r) => r.label === label);
  }

  private apply(reply: ChatReply): ChatReply {
    if (reply.reset) this.shown = [];
    this.shown = this.shown.filter((m) => !reply.removed.includes(m.id));
    for (const m of reply.messages) {
      const at = this.shown.findIndex((s) => s.id === m.id);
      if (at >= 0) this.shown[at] = m;
      else this.shown.push(m);
    }
    this.prompt = reply.prompt;
    this.revision = reply.revision;
    this.last = reply;
    return reply;
  }

  /** The last thing the assistant said. */
  lastSaid(): ChatMessage {
    return this.shown.filter((m) => m.from === "assistant").at(-1)!;
  }
}
