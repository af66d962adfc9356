package dev.pronto.examples;

import dev.pronto.ServerConfig;

import java.time.Duration;

/** The command-line options every example accepts, turned into a {@link ServerConfig}. */
final class Options {
    static final String USAGE = "[--host H] [--port P] [--workers N] [--idle-timeout S] [--header-timeout S]"
            + " [--grace S] [--max-body BYTES]";

    private Options() {
    }

    static ServerConfig parse(String... args) {
        ServerConfig.Builder b = ServerConfig.builder();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + name);
            }
            String value = args[++i];
            try {
                switch (name) {
                    case "--host" -> b.host(value);
                    case "--port" -> b.port(Integer.parseInt(value));
                    case "--workers" -> b.eventLoops(Integer.parseInt(value));
                    case "--idle-timeout" -> b.idleTimeout(seconds(value));
                    case "--header-timeout" -> b.headerTimeout(seconds(value));
                    case "--grace" -> b.shutdownGrace(seconds(value));
                    case "--max-body" -> b.maxBodyBytes(Long.parseLong(value));
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number for " + name + ": " + value);
            }
        }
        return b.build();
    }

    private static Duration seconds(String value) {
        return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    }
}
