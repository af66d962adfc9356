/**
 * Running an application: flags to configuration, in one JVM or as a master that launches worker JVMs sharing the
 * port ({@code SO_REUSEPORT}), restarts those that die, drains them on SIGTERM, replaces them one by one on SIGHUP or
 * a reload. Internal: {@link dev.pronto.Launcher} is the public face; this package knows only the public API.
 */
package dev.pronto.launcher;
