// How each std primitive (src/std/index.ts) is reached from sh: the prelude
// function that implements it and how it hands back its result.
//   value:  the result is left in $__r
//   status: a boolean, as the function's exit status (0 is true)
//   void:   nothing comes back
export type ResultConvention = "value" | "status" | "void";

export interface StdEntry {
  shell: string;
  result: ResultConvention;
}

export const STD_FUNCTIONS: Record<string, StdEntry> = {
  print: { shell: "std_print", result: "void" },
  printErr: { shell: "std_print_err", result: "void" },
  write: { shell: "std_write", result: "void" },
  writeErr: { shell: "std_write_err", result: "void" },
  exit: { shell: "std_exit", result: "void" },
  env: { shell: "std_env", result: "value" },
  hasEnv: { shell: "std_has_env", result: "status" },
  pathExists: { shell: "std_path_exists", result: "status" },
  isFile: { shell: "std_is_file", result: "status" },
  isDirectory: { shell: "std_is_directory", result: "status" },
  isReadable: { shell: "std_is_readable", result: "status" },
  isExecutable: { shell: "std_is_executable", result: "status" },
  readFile: { shell: "std_read_file", result: "value" },
  readLines: { shell: "std_read_lines", result: "value" },
  isDecimalInteger: { shell: "std_is_decimal_integer", result: "status" },
  toInteger: { shell: "std_to_integer", result: "value" },
  charFromByte: { shell: "std_char_from_byte", result: "value" },
  byteAt0: { shell: "std_byte_at0", result: "value" },
  isWritable: { shell: "std_is_writable", result: "status" },
  makeDirectory: { shell: "std_make_directory", result: "status" },
  writeFile: { shell: "std_write_file", result: "status" },
  isSymlink: { shell: "std_is_symlink", result: "status" },
  realPath: { shell: "std_real_path", result: "value" },
  readClock: { shell: "std_read_clock", result: "value" },
  sleepSeconds: { shell: "std_sleep_seconds", result: "void" },
  stderrIsTerminal: { shell: "std_stderr_is_terminal", result: "status" },
  runCapture: { shell: "std_run_capture", result: "value" },
  runStreaming: { shell: "std_run_streaming", result: "value" },
  maskLine: { shell: "std_mask_line", result: "value" },
  hasControlBytes: { shell: "std_has_control_bytes", result: "status" },
  asciiPrefix: { shell: "std_ascii_prefix", result: "value" },
  shellProblem: { shell: "std_shell_problem", result: "value" },
  streamContext: { shell: "std_stream_context", result: "void" },
  watchStopSignals: { shell: "std_watch_stop_signals", result: "void" },
  stopSignal: { shell: "std_stop_signal", result: "value" },
  processGroupProblem: { shell: "std_process_group_problem", result: "value" },
};
