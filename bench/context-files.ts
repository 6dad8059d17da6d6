// Job and secrets files of a chosen size for the context parse benchmark and
// the stopping scenario: env entries in every scalar style, and multi-line
// secrets as | block scalars shaped like PEM keys (64-byte base64 lines).

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** A PEM-like block of about `bytes` bytes, each line indented by `indent` spaces. */
function pemLines(bytes: number, indent: string, seed: number): string {
  const lines: string[] = [`${indent}-----BEGIN PRIVATE KEY-----`];
  let size = lines[0]!.length + 1;
  for (let k = 0; size < bytes - 40; k++) {
    let line = "";
    for (let i = 0; i < 64; i++) line += BASE64[(k * 7 + i * 13 + seed) % 64];
    lines.push(indent + line);
    size += indent.length + 65;
  }
  lines.push(`${indent}-----END PRIVATE KEY-----`);
  return lines.join("\n") + "\n";
}

function envEntry(k: number): string {
  switch (k % 4) {
    case 0:
      return `  VAR_${k}: plain-value-${k} # a comment\n`;
    case 1:
      return `  VAR_${k}: 'single ''quoted'' value ${k}'\n`;
    case 2:
      return `  VAR_${k}: "double \\"quoted\\" \\t value \\u00e9 ${k}"\n`;
    default:
      return `  VAR_${k}: |\n    a block value ${k}\n    on two lines\n`;
  }
}

/** A job file of about `bytes` bytes whose secrets hold one multi-line secret of `secretBytes`. */
export function jobFileText(bytes: number, secretBytes: number): string {
  let text = "repo_url: https://git.example.com/acme/app.git\n" + "commit_sha: 0123456789abcdef0123456789abcdef01234567\n" + "job_id: bench-1\ntimeout: 3600\nsubmodules: false\n";
  const secrets = "secrets:\n  DEPLOY_KEY: |\n" + pemLines(secretBytes, "    ", 1);
  text += "env:\n";
  for (let k = 0; text.length + secrets.length < bytes; k++) text += envEntry(k);
  return text + secrets;
}

/** A secrets file with one multi-line secret of about `bytes` bytes and a few short ones. */
export function secretsFileText(bytes: number): string {
  return "API_TOKEN: s3cr3t-token\nDB_PASSWORD: 'pa''ss'\nTLS_KEY: |-\n" + pemLines(bytes, "  ", 5);
}
