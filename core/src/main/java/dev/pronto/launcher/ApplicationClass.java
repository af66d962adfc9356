package dev.pronto.launcher;

import dev.pronto.Application;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;

/** Finds an {@link Application} class by name and makes instances of it, with errors that say what to fix. */
final class ApplicationClass {
    private ApplicationClass() {
    }

    /**
     * Loads an application class without initializing it (the master only checks it; workers run it).
     *
     * @param name   the binary class name, e.g. {@code com.example.Todos} or {@code com.example.Apps$Todos}
     * @param loader where to look
     * @return the class
     * @throws IllegalArgumentException if it is missing or not a usable application class
     */
    static Class<? extends Application> find(String name, ClassLoader loader) {
        Class<?> c;
        try {
            c = Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("no class " + name + " on the class path (" + e + ")");
        }
        if (!Application.class.isAssignableFrom(c)) {
            throw new IllegalArgumentException(name + " does not implement " + Application.class.getName());
        }
        check(c.asSubclass(Application.class));
        return c.asSubclass(Application.class);
    }

    /**
     * Checks that a class can be instantiated by a worker JVM: public, concrete, with a public no-argument
     * constructor, and not a local or anonymous class.
     *
     * @param c the class
     * @throws IllegalArgumentException if it cannot
     */
    static void check(Class<? extends Application> c) {
        String problem = null;
        if (c.isAnonymousClass() || c.isLocalClass() || c.isHidden()) {
            problem = "is anonymous, local or a lambda";
        } else if (Modifier.isAbstract(c.getModifiers())) {
            problem = "is abstract";
        } else if (!Modifier.isPublic(c.getModifiers())) {
            problem = "is not public";
        } else if (c.getEnclosingClass() != null && !Modifier.isStatic(c.getModifiers())) {
            problem = "is an inner class: make it static";
        } else {
            try {
                Constructor<?> ctor = c.getConstructor();
                if (!Modifier.isPublic(ctor.getModifiers())) {
                    problem = "has no public no-argument constructor";
                }
            } catch (NoSuchMethodException e) {
                problem = "has no public no-argument constructor";
            }
        }
        if (problem != null) {
            throw new IllegalArgumentException("application class " + c.getName() + " " + problem
                    + ": each process creates its own instance with new " + c.getSimpleName() + "()");
        }
    }

    /**
     * @param c a checked application class
     * @return a new instance
     * @throws IllegalStateException if the constructor fails
     */
    static Application instantiate(Class<? extends Application> c) {
        try {
            return c.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("new " + c.getName() + "() failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot create " + c.getName() + ": " + e
                    + " (its package must be exported to dev.pronto when it runs as a module)", e);
        }
    }
}
