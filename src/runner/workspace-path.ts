// Why a workspace path cannot be made, in words a user can act on, where
// git's own message would only say "cannot mkdir …: File exists".
import { isDirectory, isSymlink, pathExists } from "@solstice/std";

/** The first parent of the absolute path `dir` that exists but is not a directory; "" when none does. */
function blockingParent(dir: string): string {
  const parts = dir.split("/");
  let prefix = "";
  for (let i = 1; i < parts.length - 1; i++) {
    prefix = `${prefix}/${parts[i]}`;
    // A dangling link counts: nothing can be made under it either.
    if ((pathExists(prefix) || isSymlink(prefix)) && !isDirectory(prefix)) return prefix;
  }
  return "";
}

/** The error for a workspace under a file (exit 73), or "" when that is not what stops it. */
export function workspaceUnderFile(dir: string): string {
  const blocker = blockingParent(dir);
  if (blocker === "") return "";
  return `cannot create the workspace ${dir}: ${blocker} exists and is not a directory; remove or rename ${blocker}, or set SOLSTICE_WORKDIR to another path`;
}
