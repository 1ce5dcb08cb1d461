/** The addresses of one application's pages: one place, so that links and redirects agree. */
export function applicationPaths(id: string) {
  const base = `/applications/${encodeURIComponent(id)}`;
  return {
    show: base,
    answer: `${base}/answer`,
    back: `${base}/back`,
    change: (pointer: string) => `${base}/change?pointer=${encodeURIComponent(pointer)}`,
    remove: `${base}/remove`,
    submit: `${base}/submit`,
    confirmation: `${base}/confirmation`,
    status: `${base}/status`,
    pdf: `${base}/pdf`,
    letter: `${base}/letter`,
    save: `${base}/save`,
    chat: `${base}/chat`,
    callback: `${base}/callback`,
    resume: (token: string) => `/resume/${encodeURIComponent(id)}/${encodeURIComponent(token)}`,
  };
}

export type ApplicationPaths = ReturnType<typeof applicationPaths>;
