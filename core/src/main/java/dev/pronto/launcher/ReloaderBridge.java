package dev.pronto.launcher;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Starts {@code dev.pronto.dev.Reloader} from the optional {@code pronto-dev} module, found by name so that the
 * production class path never needs it. The contract uses JDK types only: {@code Reloader.start(List<Path>
 * classDirs, List<Path> sourceDirs, String classPath, Consumer<List<Path>> onChange)} returns an
 * {@link AutoCloseable}; {@code onChange} receives the folders to put first on the next worker's class path.
 */
final class ReloaderBridge {
    static final String RELOADER = "dev.pronto.dev.Reloader";

    private ReloaderBridge() {
    }

    /**
     * @param classDirs  class folders to watch
     * @param sourceDirs source folders to watch and compile
     * @param classPath  the class path to compile against
     * @param onChange   called with the class path prefix of the new code after each good change
     * @return the running reloader, to close at the end
     * @throws IllegalStateException if {@code pronto-dev} is not on the class path, or the reloader cannot start
     */
    static AutoCloseable start(List<Path> classDirs, List<Path> sourceDirs, String classPath,
            Consumer<List<Path>> onChange) {
        Class<?> reloader;
        try {
            reloader = Class.forName(RELOADER, true, ReloaderBridge.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("--reload needs pronto-dev (dev.pronto:pronto-dev) on the class path;"
                    + " it is a development tool: keep it off production class paths");
        }
        try {
            Method start = reloader.getMethod("start", List.class, List.class, String.class, Consumer.class);
            return (AutoCloseable) start.invoke(null, classDirs, sourceDirs, classPath, onChange);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot start the reloader: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("this pronto-dev does not match this pronto-core: " + e, e);
        }
    }
}
