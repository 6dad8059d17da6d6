// The masker's inner step, shared by the job's output stream and the
// runner's own lines: each value in `masks`, in order, replaced by ***.
// The sh side is the awk program in templates/prelude/process.sh.

export function maskLine(line: string, masks: string[]): string {
  let out = line;
  for (const value of masks) if (value !== "") out = out.split(value).join("***");
  return out;
}
