package dev.pronto.launcher;

import dev.pronto.Application;
import dev.pronto.Server;
import dev.pronto.ServerConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApplicationClassTest {
    private static final ClassLoader LOADER = ApplicationClassTest.class.getClassLoader();

    /** Not public: a worker could not create it. */
    static final class Hidden implements Application {
        @Override
        public Server start(ServerConfig config) {
            throw new UnsupportedOperationException();
        }
    }

    /** Public, but its only constructor takes an argument. */
    public static final class NeedsArgument implements Application {
        /** @param name unused */
        public NeedsArgument(String name) {
        }

        @Override
        public Server start(ServerConfig config) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void findsAPublicApplicationClassWithoutInitializingIt() {
        assertThat(ApplicationClass.find(TestApplication.class.getName(), LOADER)).isEqualTo(TestApplication.class);
        assertThat(ApplicationClass.instantiate(TestApplication.class)).isInstanceOf(TestApplication.class);
    }

    @Test
    void explainsWhatIsWrongWithAClass() {
        assertThatThrownBy(() -> ApplicationClass.find("no.such.App", LOADER))
                .hasMessageStartingWith("no class no.such.App on the class path");
        assertThatThrownBy(() -> ApplicationClass.find("java.lang.String", LOADER))
                .hasMessage("java.lang.String does not implement dev.pronto.Application");
        assertThatThrownBy(() -> ApplicationClass.find(Hidden.class.getName(), LOADER))
                .hasMessageContaining("is not public");
        assertThatThrownBy(() -> ApplicationClass.find(NeedsArgument.class.getName(), LOADER))
                .hasMessageContaining("has no public no-argument constructor");
        Application lambda = config -> null;
        assertThatThrownBy(() -> ApplicationClass.check(lambda.getClass()))
                .hasMessageContaining("is anonymous, local or a lambda");
    }
}
