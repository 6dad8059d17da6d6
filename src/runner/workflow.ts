// The workflow model (contract section 4): a parsed .solstice/workflow.kdl
// checked and turned into the job to run. Every error names its place as
// `workflow.kdl:LINE:COL: message`; unknown nodes and properties are
// warnings with their place, and the run goes on.
import type { KdlDocument, KdlNode, KdlProperty, KdlValue } from "./kdl/document";
import { COUNT_INVALID, COUNT_TOO_LARGE, isName, parseCount, shown } from "./context-check";

export const WORKFLOW_LABEL = "workflow.kdl";

export interface WorkflowStep {
  /** "setup" for the setup script. */
  name: string;
  /** The script given to the shell; for the setup step, its path in the workspace. */
  run: string;
  /** "sh" or "bash"; "setup" for the setup step (run as job.sh is). */
  shell: string;
  /** Relative to the workspace; "" for the workspace itself. */
  workdir: string;
  /** Seconds; 0 for no limit of its own. */
  timeout: number;
  always: boolean;
  continueOnError: boolean;
  /** NAME=value, in the order written (the last one wins). */
  env: string[];
  line: number;
  col: number;
}

export interface WorkflowJob {
  id: string;
  runsOn: string;
  /** Seconds for the whole job; 0 for no limit. */
  timeout: number;
  env: string[];
  steps: WorkflowStep[];
  line: number;
  col: number;
}

export interface Workflow {
  ok: boolean;
  /** When !ok: `workflow.kdl:LINE:COL: message`. */
  error: string;
  warnings: string[];
  name: string;
  env: string[];
  jobs: WorkflowJob[];
  line: number;
  col: number;
}

/** `workflow.kdl:LINE:COL: message`. */
export function placed(line: number, col: number, message: string): string {
  return `${WORKFLOW_LABEL}:${line}:${col}: ${message}`;
}

export function emptyWorkflow(): Workflow {
  return { ok: true, error: "", warnings: [], name: "", env: [], jobs: [], line: 1, col: 1 };
}

function fail(wf: Workflow, line: number, col: number, message: string): Workflow {
  wf.ok = false;
  wf.error = placed(line, col, message);
  return wf;
}

function warn(wf: Workflow, line: number, col: number, message: string): void {
  wf.warnings.push(placed(line, col, message));
}

/** What a value is, for messages: `a string`, `the number 5`, `#true`. */
function describe(value: KdlValue): string {
  if (value.kind === "string") return `the string ${shown(value.text)}`;
  if (value.kind === "number") return `the number ${value.text}`;
  return `#${value.kind}`;
}

/** The checks on one value; "" when it is good, else the error (already placed). */
function stringProblem(value: KdlValue, what: string): string {
  if (value.kind === "string") return "";
  return placed(value.line, value.col, `${what} must be a string, not ${describe(value)}`);
}

function booleanProblem(value: KdlValue, what: string): string {
  if (value.kind === "true" || value.kind === "false") return "";
  return placed(value.line, value.col, `${what} must be #true or #false, not ${describe(value)}`);
}

/** Seconds from a timeout value; -1 with `problem` set when it is not one. */
function secondsOf(value: KdlValue, what: string, problem: string[]): number {
  const text = value.kind === "number" ? value.text.replaceAll("_", "") : "";
  const seconds = value.kind === "number" ? parseCount(text) : COUNT_INVALID;
  if (seconds === COUNT_TOO_LARGE) {
    problem.push(placed(value.line, value.col, `${what} is too large; at most 2147483647 seconds (0 for no limit)`));
    return -1;
  }
  if (seconds === COUNT_INVALID) {
    problem.push(placed(value.line, value.col, `${what} must be a whole number of seconds (0 for no limit), not ${describe(value)}`));
    return -1;
  }
  return seconds;
}

function warnArguments(wf: Workflow, node: KdlNode, allowed: number): void {
  for (let i = allowed; i < node.args.length; i++) {
    const arg = node.args[i];
    warn(wf, arg.line, arg.col, `unexpected argument ${describe(arg)} to '${node.name}'; it is ignored`);
  }
}

function warnProperty(wf: Workflow, node: KdlNode, prop: KdlProperty): void {
  warn(wf, prop.line, prop.col, `unknown property '${prop.key}' of '${node.name}'; it is ignored`);
}

function warnChildren(wf: Workflow, doc: KdlDocument, node: KdlNode): void {
  for (const index of node.children) {
    const child = doc.nodes[index];
    warn(wf, child.line, child.col, `unknown node '${child.name}' in '${node.name}'; it is ignored`);
  }
}

/** `env NAME="value" ...`: every property a variable; the values are strings (numbers are taken as written). */
function readEnv(wf: Workflow, doc: KdlDocument, node: KdlNode, into: string[]): Workflow {
  warnArguments(wf, node, 0);
  for (const prop of node.props) {
    if (!isName(prop.key)) {
      return fail(wf, prop.line, prop.col, `'${prop.key}' is not a valid variable name; use letters, digits and '_', not starting with a digit`);
    }
    const value = prop.value;
    if (value.kind !== "string" && value.kind !== "number") {
      return fail(wf, value.line, value.col, `env ${prop.key} must be a string, not ${describe(value)}`);
    }
    into.push(`${prop.key}=${value.text}`);
  }
  warnChildren(wf, doc, node);
  return wf;
}

/** A relative path that stays inside the workspace as written; "" or the problem. */
export function relativePathProblem(path: string): string {
  if (path.startsWith("/")) return "is an absolute path; give a path relative to the workspace";
  for (const part of path.split("/")) {
    if (part === "..") return "leaves the workspace ('..'); give a path inside it";
  }
  return "";
}

function readStep(wf: Workflow, doc: KdlDocument, node: KdlNode, job: WorkflowJob): Workflow {
  const step: WorkflowStep = {
    name: `step ${job.steps.length + 1}`,
    run: "",
    shell: "sh",
    workdir: "",
    timeout: 0,
    always: false,
    continueOnError: false,
    env: [],
    line: node.line,
    col: node.col,
  };
  let runFound = false;
  const problems: string[] = [];
  warnArguments(wf, node, 0);
  for (const prop of node.props) {
    const value = prop.value;
    let problem = "";
    switch (prop.key) {
      case "name":
        problem = stringProblem(value, "a step's name");
        step.name = value.text;
        break;
      case "run":
        problem = stringProblem(value, "run");
        step.run = value.text;
        runFound = true;
        break;
      case "shell":
        problem = stringProblem(value, "shell");
        if (problem === "" && value.text !== "sh" && value.text !== "bash") {
          problem = placed(value.line, value.col, `shell must be "sh" or "bash", not ${shown(value.text)}`);
        }
        step.shell = value.text;
        break;
      case "workdir":
        problem = stringProblem(value, "workdir");
        if (problem === "" && relativePathProblem(value.text) !== "") {
          problem = placed(value.line, value.col, `workdir ${shown(value.text)} ${relativePathProblem(value.text)}`);
        }
        step.workdir = value.text;
        break;
      case "timeout":
        step.timeout = secondsOf(value, "a step's timeout", problems);
        break;
      case "always":
        problem = booleanProblem(value, "always");
        step.always = value.kind === "true";
        break;
      case "continue_on_error":
        problem = booleanProblem(value, "continue_on_error");
        step.continueOnError = value.kind === "true";
        break;
      default:
        warnProperty(wf, node, prop);
        break;
    }
    if (problem !== "") problems.push(problem);
    if (problems.length > 0) {
      wf.ok = false;
      wf.error = problems[0];
      return wf;
    }
  }
  for (const index of node.children) {
    const child = doc.nodes[index];
    if (child.name === "env") {
      if (!readEnv(wf, doc, child, step.env).ok) return wf;
    } else if (child.name === "run") {
      if (runFound) return fail(wf, child.line, child.col, `step '${step.name}' has run twice; give it once, as a property or as a child node`);
      if (child.args.length === 0) return fail(wf, child.line, child.col, 'run needs the script as its argument, e.g. run "make test"');
      const problem = stringProblem(child.args[0], "run");
      if (problem !== "") {
        wf.ok = false;
        wf.error = problem;
        return wf;
      }
      warnArguments(wf, child, 1);
      step.run = child.args[0].text;
      runFound = true;
    } else {
      warn(wf, child.line, child.col, `unknown node '${child.name}' in 'step'; it is ignored`);
    }
  }
  if (!runFound) {
    return fail(wf, node.line, node.col, `step '${step.name}' has no run; add run="..." or a run child node with the script`);
  }
  job.steps.push(step);
  return wf;
}

function readSetup(wf: Workflow, node: KdlNode, job: WorkflowJob, setupSeen: boolean): Workflow {
  if (setupSeen) return fail(wf, node.line, node.col, "the job has setup twice; give one setup script");
  if (job.steps.length > 0) return fail(wf, node.line, node.col, "setup must come before the job's steps; it runs first");
  warnArguments(wf, node, 0);
  let path = "";
  let found = false;
  for (const prop of node.props) {
    if (prop.key !== "path") {
      warnProperty(wf, node, prop);
      continue;
    }
    const problem = stringProblem(prop.value, "setup's path");
    if (problem !== "") {
      wf.ok = false;
      wf.error = problem;
      return wf;
    }
    path = prop.value.text;
    found = true;
    if (path === "" || relativePathProblem(path) !== "") {
      const why = path === "" ? "is empty" : relativePathProblem(path);
      return fail(wf, prop.value.line, prop.value.col, `setup path ${shown(path)} ${why}`);
    }
  }
  if (!found) return fail(wf, node.line, node.col, 'setup needs path="...", the setup script in the repository');
  job.steps.push({
    name: "setup",
    run: path,
    shell: "setup",
    workdir: "",
    timeout: 0,
    always: false,
    continueOnError: false,
    env: [],
    line: node.line,
    col: node.col,
  });
  return wf;
}

function readJob(wf: Workflow, doc: KdlDocument, node: KdlNode): Workflow {
  const job: WorkflowJob = { id: "", runsOn: "", timeout: 0, env: [], steps: [], line: node.line, col: node.col };
  let idFound = false;
  warnArguments(wf, node, 0);
  for (const prop of node.props) {
    if (prop.key === "id" || prop.key === "runs_on") {
      const problem = stringProblem(prop.value, prop.key);
      if (problem !== "") {
        wf.ok = false;
        wf.error = problem;
        return wf;
      }
      if (prop.key === "id") {
        job.id = prop.value.text;
        idFound = true;
      } else {
        job.runsOn = prop.value.text;
      }
    } else {
      warnProperty(wf, node, prop);
    }
  }
  if (!idFound || job.id === "") return fail(wf, node.line, node.col, 'a job needs id="...", the name SOLSTICE_JOB_ID or job_id chooses it by');
  for (const other of wf.jobs) {
    if (other.id === job.id) return fail(wf, node.line, node.col, `job id ${shown(job.id)} is used twice (first at line ${other.line}); give each job its own id`);
  }
  let setupSeen = false;
  let timeoutSeen = false;
  for (const index of node.children) {
    const child = doc.nodes[index];
    switch (child.name) {
      case "timeout": {
        if (timeoutSeen) return fail(wf, child.line, child.col, "the job has timeout twice; give it once");
        timeoutSeen = true;
        if (child.args.length === 0) return fail(wf, child.line, child.col, "timeout needs the job's limit in seconds, e.g. timeout 3600");
        const problems: string[] = [];
        job.timeout = secondsOf(child.args[0], "the job's timeout", problems);
        if (problems.length > 0) {
          wf.ok = false;
          wf.error = problems[0];
          return wf;
        }
        warnArguments(wf, child, 1);
        for (const prop of child.props) warnProperty(wf, child, prop);
        warnChildren(wf, doc, child);
        break;
      }
      case "env":
        if (!readEnv(wf, doc, child, job.env).ok) return wf;
        break;
      case "setup":
        if (!readSetup(wf, child, job, setupSeen).ok) return wf;
        setupSeen = true;
        break;
      case "step":
        if (!readStep(wf, doc, child, job).ok) return wf;
        break;
      default:
        warn(wf, child.line, child.col, `unknown node '${child.name}' in 'job'; it is ignored`);
        break;
    }
  }
  if (job.steps.length === 0) return fail(wf, node.line, node.col, `job ${shown(job.id)} has no steps; add one (step name="..." run="...")`);
  wf.jobs.push(job);
  return wf;
}

/** The workflow a parsed document describes, every job checked. */
export function readWorkflow(doc: KdlDocument): Workflow {
  const wf = emptyWorkflow();
  if (!doc.ok) return fail(wf, doc.line, doc.col, doc.error);
  return readWorkflowNodes(wf, doc);
}

function readWorkflowNodes(wf: Workflow, doc: KdlDocument): Workflow {
  let found = false;
  for (const index of doc.top) {
    const node = doc.nodes[index];
    if (node.name !== "workflow") {
      warn(wf, node.line, node.col, `unknown node '${node.name}' at the top level; it is ignored (the workflow is a 'workflow' node)`);
      continue;
    }
    if (found) return fail(wf, node.line, node.col, "the file has a second 'workflow' node; give one");
    found = true;
    wf.line = node.line;
    wf.col = node.col;
    warnArguments(wf, node, 0);
    for (const prop of node.props) {
      if (prop.key !== "name") {
        warnProperty(wf, node, prop);
        continue;
      }
      const problem = stringProblem(prop.value, "the workflow's name");
      if (problem !== "") {
        wf.ok = false;
        wf.error = problem;
        return wf;
      }
      wf.name = prop.value.text;
    }
    for (const childIndex of node.children) {
      const child = doc.nodes[childIndex];
      if (child.name === "env") {
        if (!readEnv(wf, doc, child, wf.env).ok) return wf;
      } else if (child.name === "job") {
        if (!readJob(wf, doc, child).ok) return wf;
      } else {
        warn(wf, child.line, child.col, `unknown node '${child.name}' in 'workflow'; it is ignored`);
      }
    }
  }
  if (!found) return fail(wf, 1, 1, 'no workflow node; the file must hold workflow name="..." { job id="..." { step ... } }');
  if (wf.jobs.length === 0) return fail(wf, wf.line, wf.col, 'the workflow has no job; add job id="..." { step name="..." run="..." }');
  return wf;
}

export interface JobChoice {
  ok: boolean;
  /** When !ok: the placed error. */
  error: string;
  /** Index into Workflow.jobs. */
  index: number;
}

/** The job to run: the one named by SOLSTICE_JOB_ID/job_id, or the only one. */
export function chooseJob(wf: Workflow, jobId: string): JobChoice {
  const ids: string[] = [];
  for (const job of wf.jobs) ids.push(job.id);
  const list = ids.join(", ");
  if (jobId === "") {
    if (wf.jobs.length === 1) return { ok: true, error: "", index: 0 };
    return {
      ok: false,
      error: placed(wf.line, wf.col, `the workflow has ${wf.jobs.length} jobs and none was chosen; set SOLSTICE_JOB_ID or job_id to one of: ${list}`),
      index: -1,
    };
  }
  for (let i = 0; i < wf.jobs.length; i++) {
    if (wf.jobs[i].id === jobId) return { ok: true, error: "", index: i };
  }
  return {
    ok: false,
    error: placed(wf.line, wf.col, `the workflow has no job ${shown(jobId)}; its jobs are: ${list} (set SOLSTICE_JOB_ID or job_id to one of them)`),
    index: -1,
  };
}
