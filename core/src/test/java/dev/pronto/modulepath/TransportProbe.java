package dev.pronto.modulepath;

import dev.pronto.Response;
import dev.pronto.Server;
import dev.pronto.ServerConfig;

/**
 * Run by {@code TransportLoadingIT} with {@code dev.pronto} on the module path: starts a server on {@code nio} by id,
 * then one on an id nobody provides, and prints what happened. In a package of its own, since a package of the module
 * cannot also be on the class path.
 */
public final class TransportProbe {
    private TransportProbe() {
    }

    /** @param args unused */
    public static void main(String[] args) {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).eventLoops(1).transport("nio").build();
        try (Server server = Server.start(config, request -> Response.text("ok"))) {
            System.out.println("nio served on a port: " + (server.port() > 0));
        }
        try {
            Server.start(config.toBuilder().transport("carrier_pigeon").build(), request -> Response.text("no"))
                    .close();
            System.out.println("carrier_pigeon started");
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
        }
    }
}
