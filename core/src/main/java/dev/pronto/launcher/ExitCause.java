package dev.pronto.launcher;

/** Words for how a worker process ended, from its exit status. */
final class ExitCause {
    private ExitCause() {
    }

    /**
     * @param status the exit status as {@link Process#exitValue()} reports it: 128 + the signal when a signal
     *               ended the process (POSIX shells use the same convention)
     * @return e.g. {@code exited with code 1} or {@code killed by signal 9 (SIGKILL), exit code 137}
     */
    static String describe(int status) {
        if (status > 128 && status <= 128 + 64) {
            int signal = status - 128;
            return "killed by signal " + signal + name(signal) + ", exit code " + status;
        }
        return "exited with code " + status;
    }

    private static String name(int signal) {
        String name = switch (signal) {
            case 1 -> "SIGHUP";
            case 2 -> "SIGINT";
            case 3 -> "SIGQUIT";
            case 4 -> "SIGILL";
            case 6 -> "SIGABRT";
            case 7 -> "SIGBUS";
            case 8 -> "SIGFPE";
            case 9 -> "SIGKILL";
            case 11 -> "SIGSEGV";
            case 13 -> "SIGPIPE";
            case 15 -> "SIGTERM";
            default -> null;
        };
        return name == null ? "" : " (" + name + ")";
    }
}
