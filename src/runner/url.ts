// Credentials in a repository URL (scheme://user:secret@host/…): what to
// mask, and the URL without them for logs, the job's environment and the
// checkout's remote. The scp-like form user@host:path names an ssh user, not
// a secret, and is left as it is.

export interface UrlCredentials {
  /** The URL without its userinfo. */
  url: string;
  /** Values to mask in every line: "user:secret", and the secret (or the lone token). */
  masks: string[];
}

export function splitCredentials(url: string): UrlCredentials {
  const sep = url.indexOf("://");
  if (sep < 0) return { url: url, masks: [] };
  const authorityStart = sep + 3;
  const slash = url.indexOf("/", authorityStart);
  const authority = slash < 0 ? url.slice(authorityStart) : url.slice(authorityStart, slash);
  // The last @ ends the userinfo (git reads it so when a secret holds an unescaped @).
  let at = -1;
  let next = authority.indexOf("@");
  while (next >= 0) {
    at = next;
    next = authority.indexOf("@", at + 1);
  }
  if (at < 0) return { url: url, masks: [] };
  const userinfo = authority.slice(0, at);
  const stripped = url.slice(0, authorityStart) + url.slice(authorityStart + at + 1);
  const masks: string[] = [];
  const colon = userinfo.indexOf(":");
  if (colon < 0) {
    // https://TOKEN@host/: a lone token is a secret.
    masks.push(userinfo);
  } else {
    masks.push(userinfo);
    masks.push(userinfo.slice(colon + 1));
  }
  return { url: stripped, masks: masks };
}
