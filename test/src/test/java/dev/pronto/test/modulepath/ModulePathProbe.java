package dev.pronto.test.modulepath;

import dev.pronto.App;
import dev.pronto.Response;
import dev.pronto.test.ProntoTest;
import dev.pronto.test.TestServer;

/**
 * Run by {@code ModulePathIT} in a JVM with Pronto and pronto-test on the module path and only this class on the
 * class path: one request in memory (the transport found through {@code provides}), one on a socket.
 */
public final class ModulePathProbe {
    private ModulePathProbe() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println(ProntoTest.class.getModule());
        try (TestServer server = ProntoTest.inMemory(new App().get("/", request -> Response.text("in memory")))) {
            System.out.println(server.client().get("/").send().text());
        }
        try (TestServer server = ProntoTest.start(new App().get("/", request -> Response.text("on a socket")))) {
            System.out.println(server.client().get("/").send().text());
        }
    }
}
