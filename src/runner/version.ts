// The runner's version, printed by --version on both backends.
export const VERSION = "0.1.0";
