// The protocol's enums by number (docs/runner.proto), apart from the gRPC
// modules: the runner's own side (node-stream, stream-summary) needs them in
// every Node run, and never loads the gRPC packages (only the sink does).
export const STATUS_NAMES: Record<string, number> = { success: 1, failure: 2, timed_out: 3, cancelled: 4, error: 5 };
export const STATUS_TEXT = ["unspecified", "success", "failure", "timed_out", "cancelled", "error"];
export const STREAM_TEXT = ["unspecified", "stdout", "stderr", "runner"];
