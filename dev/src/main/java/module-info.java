/**
 * Pronto's development tools, off the production class path: the reloader that {@code dev.pronto.Launcher --reload}
 * finds by name. It compiles with the JDK's own compiler, so it needs a JDK, not a bare runtime.
 */
module dev.pronto.dev {
    requires java.compiler;
    exports dev.pronto.dev;
}
