/**
 * A browser without JavaScript, for tests of the HTML pages: it keeps cookies, posts forms as
 * application/x-www-form-urlencoded (or, with a file or for a form whose enctype says so, as
 * multipart/form-data) with the Origin of the site it is on (as every browser does),
 * follows redirects only when asked, and reads pages with cheerio.
 */
import * as cheerio from "cheerio";

export interface Page {
  status: number;
  headers: Headers;
  /** The path asked for. */
  path: string;
  /** Where a redirect points, as a path on the same site. */
  location?: string;
  body: Buffer;
  html: string;
  $: cheerio.CheerioAPI;
}

/** A file chosen in a file input. */
export interface FileField {
  file: Buffer;
  name: string;
  type: string;
}

export type FormData = Record<string, string | string[] | FileField>;

const isFile = (value: FormData[string]): value is FileField => typeof value === "object" && !Array.isArray(value);

function expired(attributes: string[]): boolean {
  return attributes.some((a) => {
    const [name, value = ""] = a.split("=").map((s) => s.trim());
    if (/^max-age$/i.test(name ?? "")) return Number(value) <= 0;
    return /^expires$/i.test(name ?? "") && Date.parse(value) < Date.now();
  });
}

export class Browser {
  readonly cookies = new Map<string, string>();

  /** `language` is sent as Accept-Language; `onPage` sees every response, e.g. to check each page the same way. */
  constructor(
    public base: string,
    private readonly options: { language?: string; onPage?: (page: Page) => void } = {},
  ) {}

  /** `extra` headers replace the browser's own (`{ origin: "https://elsewhere.example" }` posts as another site would); undefined leaves one out. */
  async request(method: "GET" | "POST", path: string, form?: FormData, extra: Record<string, string | undefined> = {}, multipart = false): Promise<Page> {
    const headers: Record<string, string> = method === "POST" ? { origin: new URL(this.base).origin } : {};
    if (this.options.language) headers["accept-language"] = this.options.language;
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    let body: string | globalThis.FormData | undefined;
    if (form && (multipart || Object.values(form).some(isFile))) {
      // fetch writes the multipart body and its boundary into the content type, as a browser does.
      const data = new globalThis.FormData();
      for (const [name, value] of Object.entries(form)) {
        if (isFile(value)) data.append(name, new Blob([new Uint8Array(value.file)], { type: value.type }), value.name);
        else for (const v of [value].flat()) data.append(name, v);
      }
      body = data;
    } else if (form) {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(form)) for (const v of [value].flat()) params.append(name, v as string);
      body = params.toString();
      headers["content-type"] = "application/x-www-form-urlencoded";
    }
    for (const [name, value] of Object.entries(extra)) {
      if (value === undefined) delete headers[name];
      else headers[name] = value;
    }
    const res = await fetch(this.base + path, { method, headers, body, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      if (expired(attributes)) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(at + 1).trim());
    }
    const raw = Buffer.from(await res.arrayBuffer());
    const html = (res.headers.get("content-type") ?? "").includes("html") ? raw.toString("utf8") : "";
    const target = res.headers.get("location");
    const location = target === null ? undefined : (({ pathname, search }) => pathname + search)(new URL(target, this.base));
    const page: Page = { status: res.status, headers: res.headers, path, location, body: raw, html, $: cheerio.load(html) };
    this.options.onPage?.(page);
    return page;
  }

  get(path: string, extra?: Record<string, string | undefined>): Promise<Page> {
    return this.request("GET", path, undefined, extra);
  }

  post(path: string, form: FormData = {}, extra?: Record<string, string | undefined>): Promise<Page> {
    return this.request("POST", path, form, extra);
  }

  /** Presses the submit button of the form `selector` finds on `page`: posts its hidden fields (and `fields`) to its action. */
  submit(page: Page, selector: string, fields: FormData = {}): Promise<Page> {
    const form = page.$(selector).first();
    if (form.length === 0 || form.attr("method") !== "post") throw new Error(`no form ${selector} to post on ${page.path}`);
    const hidden = Object.fromEntries(form.find('input[type="hidden"]').toArray().map((input) => [page.$(input).attr("name")!, page.$(input).attr("value") ?? ""]));
    return this.request("POST", form.attr("action")!, { ...hidden, ...fields }, undefined, form.attr("enctype") === "multipart/form-data");
  }

  /** Follows redirects as a browser does after a form post: with GET. */
  async follow(page: Page): Promise<Page> {
    let current = page;
    for (let hops = 0; current.location !== undefined; hops++) {
      if (hops === 10) throw new Error(`too many redirects from ${page.path}`);
      current = await this.get(current.location);
    }
    return current;
  }
}
