/**
 * Pronto: a fast, strict HTTP/1.1 server framework. Only {@code dev.pronto} and the filters written on it,
 * {@code dev.pronto.filter}, are public API; every other package is internal to the engine.
 */
@SuppressWarnings("module") // the modules a package is exported to are built after this one
module dev.pronto {
    requires jdk.unsupported; // sun.misc.Signal: SIGTERM/SIGINT start a graceful shutdown that exits 0
    requires jdk.jfr; // the dev.pronto.Request event, off unless a recording enables it
    exports dev.pronto;
    exports dev.pronto.filter;
    exports dev.pronto.transport to dev.pronto.test; // pronto-test's in-memory transport implements the SPI
    uses dev.pronto.JsonCodec; // provided by an optional module such as pronto-json
    uses dev.pronto.transport.TransportProvider; // ServerConfig.transport(id) chooses one
    provides dev.pronto.transport.TransportProvider with dev.pronto.transport.nio.NioTransportProvider;
}
