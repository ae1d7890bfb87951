package org.jlaplace.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jlaplace.bench.report.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jlaplace compare} end to end on a small synthetic IDX data set, and its bad input. */
class CompareCommandTest {
    @TempDir
    Path dir;

    private static boolean isPng(Path p) throws IOException {
        byte[] b = Files.readAllBytes(p);
        return b.length > 100 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
    }

    private String[] args(Path out, String strategies, String... extra) throws IOException {
        Path[] idx = SyntheticIdx.write(dir, "digits", 90, 8, 3, 4, true);
        List<String> a = new java.util.ArrayList<>(List.of("compare", "--images", idx[0].toString(), "--labels",
                idx[1].toString(), "--scale", "0.00392", "--model", "cnn:3:8-3", "--epochs", "2", "--burn-in", "1",
                "--marglik-frequency", "1", "--hyper-steps", "2", "--lr", "0.01", "--strategies", strategies, "--out",
                out.toString()));
        a.addAll(List.of(extra));
        return a.toArray(new String[0]);
    }

    @Test
    void twoStrategiesTwoEpochsWriteEveryFile() throws IOException {
        Path out = dir.resolve("cmp");
        CliRun r = CliRun.of(args(out, "fixed,kernel:20", "--json"));
        assertEquals(0, r.exit(), r.toString());
        Map<?, ?> summary = (Map<?, ?>) Json.parse(r.out());
        List<?> runs = (List<?>) summary.get("strategies");
        assertEquals(2, runs.size());
        for (Object o : runs) {
            Map<?, ?> run = (Map<?, ?>) o;
            assertEquals("completed", run.get("status"), run.toString());
            assertEquals(2, ((Number) run.get("epochs_completed")).intValue());
            double acc = ((Number) run.get("test_accuracy")).doubleValue();
            assertTrue(acc >= 0 && acc <= 1, run.toString());
            assertTrue(((Number) run.get("test_log_likelihood")).doubleValue() < 0, run.toString());
        }
        assertTrue(isPng(out.resolve("comparison.png")) && isPng(out.resolve("pareto.png")));
        List<String> csv = Files.readAllLines(out.resolve("comparison.csv"));
        assertTrue(csv.get(0).startsWith("strategy,status,epoch,seconds,hyper_seconds,train_loss,test_accuracy,"
                + "test_log_likelihood,test_log_likelihood_laplace,log_marglik,prior_precision["), csv.get(0));
        assertEquals(1 + 2 * 2, csv.size(), "one row per strategy and epoch");
        List<String> header = List.of(csv.get(0).split(","));
        for (String line : csv.subList(1, csv.size())) {
            String[] cells = line.split(",", -1);
            assertEquals(header.size(), cells.length, line);
            double hyperSeconds = Double.parseDouble(cells[header.indexOf("hyper_seconds")]);
            double seconds = Double.parseDouble(cells[header.indexOf("seconds")]);
            assertTrue(hyperSeconds >= 0 && hyperSeconds <= seconds, line);
            if (cells[0].equals("fixed")) {
                assertEquals(0.0, hyperSeconds, line);
                assertEquals("1.0", cells[header.indexOf("prior_precision[all]")], "fixed keeps δ = 1");
            } else if (cells[2].equals("2")) {
                assertTrue(hyperSeconds > 0, "kernel:20 took hyper-steps after the burn-in: " + line);
                assertFalse(cells[header.indexOf("log_marglik")].isEmpty(), line);
            }
            assertEquals(cells[2].equals("2"), !cells[header.indexOf("test_log_likelihood_laplace")].isEmpty(),
                    "the Laplace predictive is on the last epoch's row: " + line);
        }
        for (String run : List.of("fixed", "kernel-20")) {
            Path d = out.resolve("runs").resolve(run);
            for (String f : List.of("metrics.csv", "hyper_steps.csv", "summary.json", "model.json", "model.safetensors")) {
                assertTrue(Files.isRegularFile(d.resolve(f)), d.resolve(f) + " missing");
            }
            for (String f : List.of("training_curves.png", "metric.png", "hyperparameters.png", "marglik.png")) {
                assertTrue(isPng(d.resolve(f)), d.resolve(f) + " is not a PNG");
            }
            Map<?, ?> s = (Map<?, ?>) Json.parse(Files.readString(d.resolve("summary.json")));
            assertEquals("completed", s.get("status"));
            Map<?, ?> config = (Map<?, ?>) s.get("config");
            assertEquals(2, ((Number) config.get("epochs")).intValue(), "the shared --epochs reached the run");
        }
        Map<?, ?> kernel = (Map<?, ?>) ((Map<?, ?>) Json.parse(Files.readString(out.resolve("runs/kernel-20/summary.json"))))
                .get("config");
        assertEquals("grouped", kernel.get("partition"));
        assertEquals(20, ((Number) kernel.get("batch_size")).intValue());
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".partial")), "no staging left");
        }
    }

    @Test
    void aSkippedStrategyIsReportedAndTheOthersFinish() throws IOException {
        Path out = dir.resolve("cmp");
        // parametric-full needs a P×P factor: with a limit of 10 parameters it is skipped, the others run.
        CliRun r = CliRun.of(args(out, "parametric-full,fixed", "--max-full-parameters", "10", "--quiet"));
        assertEquals(0, r.exit(), r.toString());
        List<String> csv = Files.readAllLines(out.resolve("comparison.csv"));
        assertTrue(csv.stream().skip(1).allMatch(l -> l.startsWith("fixed,completed")), csv.toString());
        assertFalse(Files.exists(out.resolve("runs/parametric-full")));
    }

    @Test
    void malformedStrategiesExitTwoAndWriteNothing() throws IOException {
        for (String[] bad : new String[][] {{"kernel:0", "batch size 0"}, {"kernel:abc", "'abc' is not an integer"},
                {"fixed,magic", "'magic' is not a strategy"}, {"kernel", "expected kernel:M"},
                {"kernel:10:sorted", "partition 'sorted'"}, {"kron-full:5", "takes no batch size"},
                {"fixed,fixed", "listed twice"}}) {
            Path out = dir.resolve("bad");
            CliRun r = CliRun.of(args(out, bad[0]));
            assertEquals(ExitCodes.BAD_INPUT, r.exit(), r.toString());
            assertTrue(r.err().contains("--strategies") && r.err().contains(bad[1]), r.toString());
            assertFalse(Files.exists(out), "nothing written for " + bad[0]);
        }
        // An option every run rejects: bad input for the whole comparison, nothing written.
        Path out = dir.resolve("bad-lr");
        CliRun r = CliRun.of(args(out, "fixed,kernel:20", "--lr", "-1", "--quiet"));
        assertEquals(ExitCodes.BAD_INPUT, r.exit(), r.toString());
        assertTrue(r.err().contains("--lr"), r.toString());
        assertFalse(Files.exists(out));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".partial")), "no staging left");
        }
    }
}
