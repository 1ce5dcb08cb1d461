/** The addresses of one application's pages: one place, so that links and redirects agree. */
export function applicationPaths(id: string) {
  const base = `/applications/${encodeURIComponent(id)}`;
  return {
    show: base,
    answer: `${base}/answer`,
    back: `${base}/back`,
    /** The page that asks before changing (old links and error summaries lead there); the form posts to `changeAnswer`. */
    change: (pointer: string) => `${base}/change?pointer=${encodeURIComponent(pointer)}`,
    changeAnswer: `${base}/change`,
    remove: `${base}/remove`,
    submit: `${base}/submit`,
    confirmation: `${base}/confirmation`,
    status: `${base}/status`,
    pdf: `${base}/pdf`,
    letter: `${base}/letter`,
    save: `${base}/save`,
    newLink: `${base}/save/new-link`,
    chat: `${base}/chat`,
    callback: `${base}/callback`,
    /** The link in the applicant's hands: it shows a confirmation, and the confirmation posts back to it. */
    resume: (token: string) => `/resume/${encodeURIComponent(id)}/${encodeURIComponent(token)}`,
  };
}

export type ApplicationPaths = ReturnType<typeof applicationPaths>;
