/**
 * Pronto JSON: a Jackson-backed {@link dev.pronto.JsonCodec} for {@code Request.json} and {@code Response.json}, and
 * the {@link dev.pronto.json.Json} facade. On the module path, Jackson must be able to read the classes it binds:
 * public types in exported packages need nothing more, others need {@code opens … to com.fasterxml.jackson.databind}.
 */
module dev.pronto.json {
    requires transitive dev.pronto; // Json's methods take a Request and return a Response
    requires transitive com.fasterxml.jackson.databind; // Json.mapper() and TypeReference are in the API
    requires com.fasterxml.jackson.datatype.jsr310;
    requires com.fasterxml.jackson.datatype.jdk8;
    exports dev.pronto.json;
    provides dev.pronto.JsonCodec with dev.pronto.json.JacksonCodec;
}
