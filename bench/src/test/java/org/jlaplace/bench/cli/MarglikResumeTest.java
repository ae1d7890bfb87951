package org.jlaplace.bench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jlaplace.bench.marglik.RunCheckpoint;
import org.jlaplace.bench.report.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code marglik --resume}: a run continued from its checkpoint (after kill -9, or extended) gives
 * bitwise the files of an uninterrupted run with the same settings, wall-clock columns aside; bad
 * resumes exit 2 with a message naming the problem.
 */
class MarglikResumeTest {
    @TempDir
    Path dir;

    private static List<String> iris(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("marglik", "--dataset", "iris", "--standardize", "--model", "mlp:8-3:tanh",
                "--burn-in", "1", "--marglik-frequency", "2", "--hyper-steps", "2", "--batch-size", "20",
                "--train-batch-size", "16", "--lr", "0.01", "--out", out.toString(), "--quiet"));
        args.addAll(List.of(extra));
        return args;
    }

    private static CliRun cli(List<String> args) {
        return CliRun.of(args.toArray(new String[0]));
    }

    /** A CSV without its wall-clock columns ({@code seconds}, {@code hyper_seconds}, {@code train_seconds}, …). */
    private static List<String> withoutSeconds(Path csv) throws IOException {
        List<String> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        for (String line : lines) {
            List<String> cells = List.of(line.split(",", -1));
            List<String> kept = new ArrayList<>();
            for (int j = 0; j < cells.size(); j++) {
                if (!header.get(j).endsWith("seconds")) {
                    kept.add(cells.get(j));
                }
            }
            out.add(String.join(",", kept));
        }
        return out;
    }

    private static Map<?, ?> summaryWithoutTimes(Path run) throws IOException {
        Map<Object, Object> s = new LinkedHashMap<>((Map<?, ?>) Json.parse(Files.readString(run.resolve("summary.json"))));
        s.keySet().removeIf(k -> k.toString().endsWith("seconds") || k.equals("timing"));
        return s;
    }

    private static void assertSameRun(Path want, Path got) throws IOException {
        assertArrayEquals(Files.readAllBytes(want.resolve("model.safetensors")), Files.readAllBytes(got.resolve("model.safetensors")),
                "model.safetensors");
        assertEquals(withoutSeconds(want.resolve("metrics.csv")), withoutSeconds(got.resolve("metrics.csv")));
        assertEquals(withoutSeconds(want.resolve("hyper_steps.csv")), withoutSeconds(got.resolve("hyper_steps.csv")));
        assertEquals(summaryWithoutTimes(want), summaryWithoutTimes(got));
    }

    @Test
    void extendingAConstantRateRunGivesTheLongerRunBitwise() throws IOException {
        Path straight = dir.resolve("straight");
        Path shorter = dir.resolve("shorter");
        assertEquals(0, cli(iris(straight, "--epochs", "6", "--schedule", "constant")).exit());
        assertEquals(0, cli(iris(shorter, "--epochs", "3", "--schedule", "constant")).exit());
        assertTrue(Files.isRegularFile(shorter.resolve(RunCheckpoint.FILE)));
        CliRun r = CliRun.of("marglik", "--resume", shorter.toString(), "--epochs", "6", "--quiet");
        assertEquals(0, r.exit(), r.toString());
        assertSameRun(straight, shorter);
        assertEquals(6, RunCheckpoint.read(shorter.resolve(RunCheckpoint.FILE)).state().epochsDone());
    }

    @Test
    void badResumesExitTwoNamingTheProblem() throws IOException {
        Path run = dir.resolve("run");
        assertEquals(0, cli(iris(run, "--epochs", "2")).exit());
        CliRun done = CliRun.of("marglik", "--resume", run.toString());
        assertEquals(2, done.exit(), done.toString());
        assertTrue(done.err().contains("after epoch 2, the run's last"), done.err());
        CliRun cosine = CliRun.of("marglik", "--resume", run.toString(), "--epochs", "4");
        assertEquals(2, cosine.exit(), cosine.toString());
        assertTrue(cosine.err().contains("--schedule cosine"), cosine.err());
        CliRun other = CliRun.of("marglik", "--resume", run.toString(), "--lr", "0.1");
        assertEquals(2, other.exit());
        assertTrue(other.err().contains("--lr cannot be given"), other.err());
        CliRun missing = CliRun.of("marglik", "--resume", dir.resolve("nothing").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no checkpoint.bin"), missing.err());
        byte[] good = Files.readAllBytes(run.resolve(RunCheckpoint.FILE));
        byte[] bad = good.clone();
        bad[bad.length / 2] ^= 1;
        Files.write(run.resolve(RunCheckpoint.FILE), bad);
        CliRun corrupt = CliRun.of("marglik", "--resume", run.toString(), "--epochs", "4");
        assertEquals(2, corrupt.exit());
        assertTrue(corrupt.err().contains("corrupt"), corrupt.err());
        Files.write(run.resolve(RunCheckpoint.FILE), java.util.Arrays.copyOf(good, good.length - 5));
        CliRun truncated = CliRun.of("marglik", "--resume", run.toString(), "--epochs", "4");
        assertEquals(2, truncated.exit());
        assertTrue(truncated.err().contains("truncated"), truncated.err());
    }

    /**
     * A run killed with SIGKILL leaves its staging directory with the last complete checkpoint;
     * {@code --resume} continues from it and ends with the files of the uninterrupted run, then removes
     * the dead run's staging directory.
     */
    @Test
    void aRunKilledWithSigkillResumesToTheUninterruptedResult() throws Exception {
        Path straight = dir.resolve("straight");
        Path killed = dir.resolve("killed");
        String[] settings = {"--model", "mlp:16-10:tanh", "--epochs", "12", "--burn-in", "2", "--marglik-frequency", "2",
            "--hyper-steps", "2", "--laplace-predictive", "off", "--quiet"};
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib") && !a.startsWith("-javaagent")).toList());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "marglik", "--out",
                killed.toString()));
        cmd.addAll(List.of(settings));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        Path staging = dir.resolve(".killed.partial-" + p.pid());
        int seen = 0;
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (seen < 2 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
            Path file = staging.resolve(RunCheckpoint.FILE);
            if (Files.isRegularFile(file)) {
                seen = RunCheckpoint.read(file).state().epochsDone();
            }
        }
        p.destroyForcibly().waitFor();
        assertTrue(seen >= 2 && seen < 12, "killed after epoch " + seen + "; " + Files.readString(dir.resolve("child.log")));
        assertFalse(Files.exists(killed), "a killed run never commits");
        assertEquals("running", ((Map<?, ?>) Json.parse(Files.readString(staging.resolve("summary.json")))).get("status"));

        List<String> plain = new ArrayList<>(List.of("marglik", "--out", straight.toString()));
        plain.addAll(List.of(settings));
        assertEquals(0, cli(plain).exit());
        CliRun r = CliRun.of("marglik", "--resume", killed.toString(), "--quiet");
        assertEquals(0, r.exit(), r.toString());
        assertSameRun(straight, killed);
        try (Stream<Path> left = Files.list(dir)) {
            assertTrue(left.noneMatch(f -> f.getFileName().toString().startsWith(".killed.partial-")),
                    "the dead run's staging directory is removed");
        }
    }
}
