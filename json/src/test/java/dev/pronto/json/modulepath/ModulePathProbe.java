package dev.pronto.json.modulepath;

import dev.pronto.JsonCodec;
import dev.pronto.Response;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Run by {@code ServiceLoadingIT} in a JVM with Pronto and pronto-json on the module path and only this class on the
 * class path: prints the codec's module, a {@link Response#json} body and a value read back.
 */
public final class ModulePathProbe {
    record Point(int x, int y) {
    }

    private ModulePathProbe() {
    }

    /**
     * @param args ignored
     * @throws Exception if the codec cannot read the point
     */
    public static void main(String[] args) throws Exception {
        JsonCodec codec = JsonCodec.get();
        System.out.println(codec.getClass().getName() + " in " + codec.getClass().getModule());
        Response.Body body = Response.json(Map.of("path", "module")).body();
        System.out.println(new String(((Response.Body.Bytes) body).bytes(), StandardCharsets.UTF_8));
        byte[] json = "{\"x\":1,\"y\":2}".getBytes(StandardCharsets.UTF_8);
        System.out.println(codec.read(json, 0, json.length, Point.class));
    }
}
