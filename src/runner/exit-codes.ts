// The runner's exit statuses (contract section 7), in one place for both
// builds and the command line. The BSD sysexits names say what each means.
export const EXIT_USAGE = 64;
export const EXIT_DATAERR = 65;
export const EXIT_NOINPUT = 66;
export const EXIT_UNAVAILABLE = 69;
export const EXIT_SOFTWARE = 70;
export const EXIT_CANTCREAT = 73;
/** Output that is the point (--version, --help) could not be written. */
export const EXIT_IOERR = 74;
/** The job's timeout expired (as timeout(1) says it). */
export const EXIT_TIMEOUT = 124;
/** The job's #! interpreter is not on this machine (as a shell says of a command it cannot find). */
export const EXIT_NOT_FOUND = 127;
/** Added to the number of the signal that stopped the runner. */
export const EXIT_SIGNAL_BASE = 128;
