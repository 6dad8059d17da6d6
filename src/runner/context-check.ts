// Checks for the fields of the job context (contract section 1). Each
// `...Problem` function returns "" for a good value, or what is wrong and how
// to fix it, worded to follow the field's name ("repo_url " + problem).
//
// The values are short (a URL, a SHA, a number), so walking their bytes is
// fine in the sh backend.
import { allBytesIn, isDecimalInteger, toInteger } from "@solstice/std";
import { firstControlByte, hexByte } from "./yaml-scalar";

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const HEX = "0123456789abcdefABCDEF";
const ALLOWED_URLS = "an https://, http://, ssh://, git:// or file:// URL, or user@host:path";

/** Too large for a count: sh arithmetic is 32-bit on mksh and posh. */
export const COUNT_TOO_LARGE = -2;
export const COUNT_INVALID = -1;

/** True for `[A-Za-z_][A-Za-z0-9_]*`, the names env and secrets may use. */
export function isName(text: string): boolean {
  // One pattern match each in sh: a job file may hold thousands of names.
  return allBytesIn(text, "A-Za-z0-9_") && !allBytesIn(text.slice(0, 1), "0-9");
}

/** `text` with ASCII A-Z lowered; other bytes unchanged. For short strings. */
export function lowerAscii(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    const upper = UPPER.indexOf(c);
    // slice, not charAt: keeps sh's charAt cursor on `text`.
    out += upper >= 0 ? LOWER.slice(upper, upper + 1) : c;
  }
  return out;
}

/** The first control byte in `text` (tab and newline included), or -1. */
export function controlByteIn(text: string): number {
  if (text.includes("\t")) {
    return 9;
  }
  if (text.includes("\n")) {
    return 10;
  }
  return firstControlByte(text);
}

/** `text` quoted for a message, or only its length when it could garble a log line. */
export function shown(text: string): string {
  if (text.length > 72 || controlByteIn(text) >= 0) {
    return `(a value of ${String(text.length)} bytes)`;
  }
  return `"${text}"`;
}

/**
 * A non-negative decimal integer's value; COUNT_INVALID for anything else
 * (signs, spaces, "1h"), COUNT_TOO_LARGE beyond 2147483647.
 */
export function parseCount(text: string): number {
  if (!isDecimalInteger(text) || text.startsWith("-")) {
    return COUNT_INVALID;
  }
  // Leading zeros would make sh arithmetic read the number as octal.
  let digits = text;
  while (digits.length > 1 && digits.startsWith("0")) {
    digits = digits.slice(1);
  }
  if (digits.length > 10) {
    return COUNT_TOO_LARGE;
  }
  if (digits.length === 10) {
    const head = toInteger(digits.slice(0, 9));
    const last = toInteger(digits.slice(9));
    if (head > 214748364 || (head === 214748364 && last > 7)) {
      return COUNT_TOO_LARGE;
    }
  }
  return toInteger(digits);
}

/** For commit_sha: the full SHA-1 or SHA-256 object name. */
export function commitShaProblem(sha: string): string {
  if (sha === "") {
    return "is empty; set it to the full commit SHA (40 or 64 hexadecimal digits)";
  }
  let hex = sha.length === 40 || sha.length === 64;
  for (let i = 0; hex && i < sha.length; i++) {
    hex = HEX.includes(sha.charAt(i));
  }
  if (!hex) {
    return `must be the full commit SHA, 40 or 64 hexadecimal digits, not ${shown(sha)}; ` + "an abbreviated SHA, a branch or a tag is not accepted";
  }
  return "";
}

function dashProblem(part: string, what: string): string {
  return part.startsWith("-") ? `has a ${what} starting with '-', which ssh would take as an option` : "";
}

/** ssh://, git://, http(s):// after the scheme: [user@]host[:port][/path]. */
function authorityProblem(rest: string): string {
  const slash = rest.indexOf("/");
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  const at = authority.indexOf("@");
  const host = at < 0 ? authority : authority.slice(at + 1);
  if (host === "" || host.startsWith(":")) {
    return "has no host after the scheme; write scheme://host/path";
  }
  if (at >= 0) {
    const userProblem = dashProblem(authority, "user name");
    if (userProblem !== "") {
      return userProblem;
    }
  }
  return dashProblem(host, "host name");
}

/** The scp-like form `user@host:path` (the user is required by the contract). */
function scpProblem(url: string): string {
  const at = url.indexOf("@");
  const colon = url.indexOf(":");
  const slash = url.indexOf("/");
  if (colon < 0 || (slash >= 0 && slash < colon && (at < 0 || slash < at))) {
    return `is not a URL git may fetch; use ${ALLOWED_URLS} ` + "(a local repository is written file:///path/to/repo)";
  }
  if (at < 0 || at > colon) {
    return `has no user; the scp-like form is user@host:path (e.g. git@example.com:org/repo.git)`;
  }
  const user = url.slice(0, at);
  if (user.includes("/")) {
    return "has a '/' in the user name of its user@host:path form; check the address";
  }
  let hostEnd = colon;
  if (url.charAt(at + 1) === "[") {
    // A bracketed IPv6 address holds colons of its own.
    const close = url.indexOf("]", at);
    if (close < 0 || url.charAt(close + 1) !== ":") {
      return "has an unclosed '[' in its host; write user@[ipv6-address]:path";
    }
    hostEnd = close + 1;
  }
  const host = url.slice(at + 1, hostEnd);
  const path = url.slice(hostEnd + 1);
  if (host === "" || host.includes("/")) {
    return "has no host in its user@host:path form; write user@host:path";
  }
  if (path === "") {
    return "has no repository path after 'host:'; write user@host:path";
  }
  const hostProblem = dashProblem(host, "host name");
  if (hostProblem !== "") {
    return hostProblem;
  }
  return dashProblem(path, "path");
}

/** git's rule for the `transport` of `transport::address` (is_urlschemechar). */
function isTransportName(text: string): boolean {
  if (!(UPPER + LOWER).includes(text.charAt(0))) {
    return false;
  }
  for (let i = 1; i < text.length; i++) {
    if (!(UPPER + LOWER + "0123456789+-.").includes(text.charAt(i))) {
      return false;
    }
  }
  return true;
}

/** The schemes of GIT_ALLOW_PROTOCOL (file:git:http:https:ssh). */
function isAllowedScheme(scheme: string): boolean {
  switch (scheme) {
    case "https":
    case "http":
    case "ssh":
    case "git":
    case "file":
      return true;
    default:
      return false;
  }
}

/** For repo_url (contract section 1: what is fetched, and what is refused before git runs). */
export function repoUrlProblem(url: string): string {
  if (url === "") {
    return `is empty; set it to ${ALLOWED_URLS}`;
  }
  const control = controlByteIn(url);
  if (control >= 0) {
    return `contains the control character ${hexByte(control)}; remove it`;
  }
  if (url.startsWith("-")) {
    return `starts with '-', which git would take as an option; use ${ALLOWED_URLS}`;
  }
  const sep = url.indexOf("://");
  const scheme = sep > 0 ? url.slice(0, sep) : "";
  if (isAllowedScheme(scheme)) {
    const rest = url.slice(sep + 3);
    if (scheme === "file") {
      return rest === "" ? "has no path; write file:///path/to/repo" : "";
    }
    return authorityProblem(rest);
  }
  const helper = url.indexOf("::");
  if (helper > 0 && isTransportName(url.slice(0, helper))) {
    return "uses git's remote-helper syntax (transport::address, as in ext:: or fd::), " + `which can run commands; use ${ALLOWED_URLS}`;
  }
  if (sep > 0) {
    const name = scheme.length <= 16 && isName(scheme.replaceAll("+", "_").replaceAll("-", "_"));
    const what = name ? "the scheme " + scheme + "://, which is" : "a scheme that is";
    return `uses ${what} not allowed; use ${ALLOWED_URLS}`;
  }
  return scpProblem(url);
}

/** For SOLSTICE_ORCHESTRATOR_ADDR: `host:port` or `[ipv6]:port`. */
export function hostPortProblem(addr: string): string {
  if (controlByteIn(addr) >= 0 || addr.includes(" ")) {
    return "contains a space or a control character; write host:port";
  }
  if (addr.includes("://") || addr.includes("/")) {
    return `must be host:port without a scheme or path, not ${shown(addr)}`;
  }
  let colon = addr.indexOf(":");
  if (addr.startsWith("[")) {
    const close = addr.indexOf("]");
    colon = close < 0 ? -1 : close + 1;
    if (colon >= 0 && addr.charAt(colon) !== ":") {
      colon = -1;
    }
  } else if (colon >= 0 && addr.indexOf(":", colon + 1) >= 0) {
    return "has more than one ':'; write an IPv6 address in brackets, as [::1]:50051";
  }
  if (colon <= 0) {
    return `must be host:port (e.g. orchestrator.example:50051), not ${shown(addr)}`;
  }
  const port = parseCount(addr.slice(colon + 1));
  if (port < 1 || port > 65535) {
    return `has a bad port in ${shown(addr)}; the port is a number from 1 to 65535`;
  }
  return "";
}

/**
 * SOLSTICE_WORKDIR as an absolute path without "." or "//" parts; "" when it
 * is not usable (see workdirProblem).
 */
export function normalizeWorkdir(path: string): string {
  const parts = path.split("/");
  const kept: string[] = [];
  for (const part of parts) {
    if (part !== "" && part !== ".") {
      kept.push(part);
    }
  }
  return "/" + kept.join("/");
}

/** For SOLSTICE_WORKDIR: the runner empties this directory, so refuse anything vague. */
export function workdirProblem(path: string): string {
  if (controlByteIn(path) >= 0) {
    return "contains a control character; use a plain absolute path";
  }
  if (!path.startsWith("/")) {
    return `must be an absolute path (starting with /), not ${shown(path)}`;
  }
  if (path.split("/").includes("..")) {
    return `must not contain '..', as in ${shown(path)}; write the path out in full`;
  }
  if (normalizeWorkdir(path) === "/") {
    return "is the root directory, which the runner never cleans; use a directory of its own, e.g. /root/work";
  }
  return "";
}
