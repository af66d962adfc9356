/**
 * Code reloading for development: {@link dev.pronto.dev.Reloader} watches class and source folders
 * ({@code TreeWatcher}), compiles the sources in process ({@code SourceCompiler}) and tells the launcher's master
 * which fresh class folder the next worker JVM should put first on its class path.
 */
package dev.pronto.dev;
