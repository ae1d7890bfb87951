package org.jlaplace.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jlaplace.autodiff.io.DType;
import org.jlaplace.autodiff.io.ModelIO;
import org.jlaplace.autodiff.nn.Activation;
import org.jlaplace.autodiff.nn.Flatten;
import org.jlaplace.autodiff.nn.Linear;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.bench.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interrupts need a real process: {@code jlaplace} runs in a child JVM on this test's class path,
 * is stopped with SIGTERM (as Ctrl-C stops it) or SIGKILL ({@code kill -9}) once its staging
 * directory {@code .NAME.partial-PID} exists, and the directory beside {@code --out} is inspected.
 */
class InterruptTest {
    @TempDir
    Path dir;

    private Process start(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "--add-modules", "jdk.incubator.vector", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until a staging directory of {@code out} exists (or the process ends); returns it. */
    private Path awaitStaging(Process p, Path out, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            List<Path> staging = staging(out);
            if (!staging.isEmpty()) {
                return staging.get(0);
            }
            assertTrue(p.isAlive(), () -> "ended before staging: " + read(log));
            Thread.sleep(50);
        }
        throw new AssertionError("no staging directory after 120 s: " + read(log));
    }

    private static List<Path> staging(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out.getParent())) {
            return s.filter(p -> p.getFileName().toString().startsWith("." + out.getFileName() + ".partial-")).toList();
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private Path[] model() throws IOException {
        Sequential net = new Sequential(new int[] {1, 8, 8}, new Flatten(), new Linear(64, 8, true),
                Activation.of("tanh"), new Linear(8, 10, true));
        Path json = dir.resolve("model.json");
        Path weights = dir.resolve("model.safetensors");
        ModelIO.save(net, json, weights, DType.F64);
        return new Path[] {json, weights};
    }

    @Test
    void boundsStoppedBySigtermLeavesNoStagingDirectory() throws Exception {
        Path[] m = model();
        Path out = dir.resolve("bounds-out");
        Path log = dir.resolve("bounds.log");
        Process p = start(log, "bounds", "--model", m[0].toString(), "--weights", m[1].toString(), "--quiet",
                "--partitions", "random", "--repetitions", "500", "--out", out.toString());
        awaitStaging(p, out, log);
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stopped");
        assertEquals(List.of(), staging(out), () -> read(log));
        assertFalse(Files.exists(out), "nothing committed");
    }

    @Test
    void aStagingDirectoryLeftByKillMinus9IsNamedAndRemovedByTheNextRun() throws Exception {
        Path out = dir.resolve("run");
        Path log = dir.resolve("marglik.log");
        Process p = start(log, "marglik", "--epochs", "1000", "--quiet", "--out", out.toString());
        Path left = awaitStaging(p, out, log);
        p.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "killed");
        assertTrue(Files.isDirectory(left), "kill -9 leaves the staging directory");

        HostileInputTest.Run next = HostileInputTest.cli("marglik", "--epochs", "1", "--quiet", "--out", out.toString());
        next.expect(0, "removed " + left, "left by process " + p.pid());
        assertFalse(Files.exists(left), "stale staging directory removed");
        assertTrue(Files.isRegularFile(out.resolve("summary.json")), "the new run committed");
    }
}
