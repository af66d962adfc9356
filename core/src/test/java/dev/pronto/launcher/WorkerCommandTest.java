package dev.pronto.launcher;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerCommandTest {

    @Test
    void keepsJvmOptionsAndDropsClassPathMainClassAndArguments() {
        List<String> args = List.of("-Xmx64m", "-Dapp.mode=prod", "-cp", "a.jar:b", "--add-opens",
                "java.base/java.lang=ALL-UNNAMED", "-XX:+UseSerialGC", "com.example.Main", "--port", "80");

        assertThat(WorkerCommand.jvmOptions(args)).containsExactly("-Xmx64m", "-Dapp.mode=prod", "--add-opens",
                "java.base/java.lang=ALL-UNNAMED", "-XX:+UseSerialGC");
    }

    @Test
    void stopsAtJarOrModuleAndKeepsTheModulePath() {
        assertThat(WorkerCommand.jvmOptions(List.of("-Xss1m", "-jar", "app.jar", "hello", "--processes", "2")))
                .containsExactly("-Xss1m");
        assertThat(WorkerCommand.jvmOptions(List.of("-p", "mods", "--class-path=x", "-m", "app/app.Main")))
                .containsExactly("-p", "mods");
    }

    @Test
    void dropsTheDebuggerAgentWhosePortEveryWorkerWouldClaim() {
        assertThat(WorkerCommand.jvmOptions(List.of(
                "-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "-Xmx1g", "Main")))
                .containsExactly("-Xmx1g");
    }
}
