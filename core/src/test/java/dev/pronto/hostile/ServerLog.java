package dev.pronto.hostile;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Records what the server logs at WARNING or above while a test runs, instead of printing it: a test then asserts
 * that a fault went through the error path it expects and that nothing escaped to the engine or the event loop.
 * The engine logs through {@code System.Logger}, which the JDK backs with {@code java.util.logging}.
 */
final class ServerLog implements AutoCloseable {
    /** Held strongly: java.util.logging keeps loggers only weakly, and a collected one would lose the handler. */
    private static final Logger PRONTO = Logger.getLogger("dev.pronto");

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final boolean parentHandlers;
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private ServerLog() {
        parentHandlers = PRONTO.getUseParentHandlers();
        PRONTO.addHandler(capture);
        PRONTO.setUseParentHandlers(false); // the expected stack traces (a thousand frames each) stay off the console
    }

    /** @return a recorder, active until closed */
    static ServerLog record() {
        return new ServerLog();
    }

    /** @return every record so far */
    List<LogRecord> records() {
        return List.copyOf(records);
    }

    /**
     * @param loggerPrefix a logger name or the start of one, e.g. {@code dev.pronto.transport}
     * @return the records of that logger and its children
     */
    List<LogRecord> from(String loggerPrefix) {
        return records.stream().filter(r -> r.getLoggerName() != null && r.getLoggerName().startsWith(loggerPrefix))
                .toList();
    }

    /** @return the records, one line each, for assertion messages */
    String describe() {
        return describe(records);
    }

    private static String describe(List<LogRecord> list) {
        return list.stream().map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()
                        + (r.getThrown() == null ? "" : " [" + r.getThrown() + "]"))
                .collect(Collectors.joining("\n", "\n", ""));
    }

    @Override
    public void close() {
        PRONTO.removeHandler(capture);
        PRONTO.setUseParentHandlers(parentHandlers);
    }
}
