package org.jlaplace.bench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jlaplace.autodiff.io.ModelIO;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.bench.report.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end: tiny {@code jlaplace marglik} runs through {@link Main}, checking every report file. */
class MarglikCommandTest {
    @TempDir
    Path dir;

    private CliRun marglik(Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("marglik", "--dataset", "iris", "--standardize",
                "--model", "mlp:8-3:tanh", "--epochs", "4", "--burn-in", "1", "--marglik-frequency", "1",
                "--hyper-steps", "2", "--batch-size", "20", "--train-batch-size", "16", "--lr", "0.01", "--out", out.toString(), "--quiet"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(new String[0]));
    }

    private static boolean isPng(Path p) throws IOException {
        byte[] b = Files.readAllBytes(p);
        return b.length > 100 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
    }

    @Test
    void tinyClassificationRunWritesEveryReportFile() throws IOException {
        Path out = dir.resolve("run");
        CliRun r = marglik(out, "--json");
        assertEquals(0, r.exit(), r.toString());
        for (String f : List.of("metrics.csv", "hyper_steps.csv", "summary.json", "model.json", "model.safetensors",
                "training_curves.png", "metric.png", "hyperparameters.png", "marglik.png")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f + " missing");
        }
        for (String f : List.of("training_curves.png", "metric.png", "hyperparameters.png", "marglik.png")) {
            assertTrue(isPng(out.resolve(f)), f + " is not a PNG");
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "no staging directory is left beside the run");
        }
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(5, metrics.size(), "header + one row per epoch");
        assertTrue(metrics.get(0).startsWith("epoch,seconds,train_loss,train_accuracy,test_accuracy,test_log_likelihood,log_marglik,hyper_seconds,prior_precision[0.weight]"),
                metrics.get(0));
        assertEquals(1 + 3 * 2, Files.readAllLines(out.resolve("hyper_steps.csv")).size(), "epochs 2..4 take 2 steps each");

        Map<?, ?> summary = (Map<?, ?>) Json.parse(Files.readString(out.resolve("summary.json")));
        assertEquals(summary, Json.parse(r.out()), "--json prints summary.json");
        assertEquals("completed", summary.get("status"));
        assertEquals("grouped", ((Map<?, ?>) summary.get("config")).get("partition"),
                "classification batches group by class unless --partition says otherwise");
        double acc = ((Number) summary.get("test_accuracy")).doubleValue();
        assertTrue(acc > 0.6 && acc <= 1, "iris after 4 epochs: " + acc);
        assertTrue(((Number) summary.get("test_log_likelihood")).doubleValue() < 0);
        Map<?, ?> pp = (Map<?, ?>) summary.get("prior_precision");
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(pp.keySet()));
        assertNotEquals(1.0, ((Number) pp.get("0.weight")).doubleValue(), "hyperparameter steps moved δ");
        assertTrue(Double.isFinite(((Number) summary.get("log_marglik")).doubleValue()));
        assertEquals("full", summary.get("laplace_predictive"), "auto: a small network gets the full posterior");
        assertTrue(((Number) summary.get("test_log_likelihood_laplace")).doubleValue() < 0);
        assertTrue(((Number) summary.get("laplace_predictive_seconds")).doubleValue() >= 0);

        Sequential net = ModelIO.load(out.resolve("model.json"), out.resolve("model.safetensors"));
        assertEquals(4 * 8 + 8 + 8 * 3 + 3, net.numParameters());
    }

    /** {@code --eval-train} adds a full pass over the training set; the run and its test columns stay the same. */
    @Test
    void evalTrainChangesOnlyTheTrainingColumn() throws IOException {
        Path running = dir.resolve("running");
        Path full = dir.resolve("full");
        assertEquals(0, marglik(running).exit());
        assertEquals(0, marglik(full, "--eval-train").exit());
        assertArrayEquals(Files.readAllBytes(running.resolve("model.safetensors")),
                Files.readAllBytes(full.resolve("model.safetensors")), "scoring does not change the training");
        List<String> a = Files.readAllLines(running.resolve("metrics.csv"));
        List<String> b = Files.readAllLines(full.resolve("metrics.csv"));
        List<String> header = List.of(a.get(0).split(","));
        boolean differs = false;
        for (int e = 1; e < a.size(); e++) {
            String[] ra = a.get(e).split(",");
            String[] rb = b.get(e).split(",");
            assertEquals(ra[2], rb[2], "train_loss");
            for (int c = 4; c < ra.length; c++) {
                if (!header.get(c).endsWith("seconds")) { // wall times
                    assertEquals(ra[c], rb[c], "column " + header.get(c) + " of epoch " + e);
                }
            }
            differs |= !ra[3].equals(rb[3]);
        }
        assertTrue(differs, "the running accuracy of the minibatches is not the end-of-epoch accuracy");
        Map<?, ?> config = (Map<?, ?>) ((Map<?, ?>) Json.parse(Files.readString(full.resolve("summary.json")))).get("config");
        assertEquals(true, config.get("eval_train"));
    }

    @Test
    void laplacePredictiveChoosesThePosteriorOrIsOff() throws IOException {
        for (String v : List.of("kron", "diag", "full", "off", "on")) {
            Path out = dir.resolve("lp-" + v);
            CliRun r = marglik(out, "--epochs", "2", "--laplace-predictive", v);
            assertEquals(0, r.exit(), r.toString());
            Map<?, ?> s = (Map<?, ?>) Json.parse(Files.readString(out.resolve("summary.json")));
            String want = v.equals("on") ? "full" : v;
            assertEquals(want, s.get("laplace_predictive"), v);
            Object ll = s.get("test_log_likelihood_laplace");
            if (v.equals("off")) {
                assertFalse(ll instanceof Number n && Double.isFinite(n.doubleValue()), "off: " + ll);
            } else {
                double d = ((Number) ll).doubleValue();
                assertTrue(d < 0 && Double.isFinite(d), v + ": " + d);
            }
        }
        CliRun bad = marglik(dir.resolve("bad"), "--laplace-predictive", "blockdiag");
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("--laplace-predictive 'blockdiag'") && bad.err().contains("auto, full, kron, diag, off"),
                bad.err());
        CliRun diagonalPrior = marglik(dir.resolve("bad2"), "--laplace-predictive", "kron", "--prior-structure", "diagonal");
        assertEquals(2, diagonalPrior.exit(), diagonalPrior.toString());
        assertTrue(diagonalPrior.err().contains("--laplace-predictive kron"), diagonalPrior.err());
        CliRun huge = marglik(dir.resolve("bad3"), "--laplace-predictive", "full", "--model", "mlp:2048-2048-2048-3:tanh");
        assertEquals(2, huge.exit(), huge.toString());
        assertTrue(huge.err().contains("--laplace-predictive full") && huge.err().contains("kron or diag"), huge.err());
        assertFalse(Files.exists(dir.resolve("bad3")), "refused before training");
        CliRun help = CliRun.of("marglik", "--help");
        assertTrue(help.out().contains("auto|full|kron|diag|off"), help.out());
    }

    @Test
    void existingOutputIsRefusedUnlessOverwrite() throws IOException {
        Path out = dir.resolve("run");
        Files.createDirectory(out);
        Files.writeString(out.resolve("keep.txt"), "x");
        CliRun r = marglik(out);
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("--out") && r.err().contains("--overwrite"), r.err());
        assertTrue(Files.exists(out.resolve("keep.txt")));
        assertEquals(0, marglik(out, "--overwrite", "--epochs", "2").exit());
        assertFalse(Files.exists(out.resolve("keep.txt")));
        assertTrue(Files.exists(out.resolve("summary.json")));
    }

    @Test
    void regressionLearnsSigmaAndFixedPriorKeepsDelta() throws IOException {
        Path out = dir.resolve("sine");
        CliRun r = CliRun.of("marglik", "--dataset", "sine", "--model", "mlp:16-1:tanh", "--epochs", "6", "--burn-in", "2",
                "--marglik-frequency", "2", "--hyper-steps", "3", "--batch-size", "30", "--out", out.toString(), "--quiet");
        assertEquals(0, r.exit(), r.toString());
        Map<?, ?> s = (Map<?, ?>) Json.parse(Files.readString(out.resolve("summary.json")));
        assertTrue(s.containsKey("test_rmse") && s.containsKey("sigma"), s.toString());
        assertNotEquals(1.0, ((Number) s.get("sigma")).doubleValue());
        assertEquals("random", ((Map<?, ?>) s.get("config")).get("partition"), "regression has no classes to group by");
        assertTrue(Files.readAllLines(out.resolve("metrics.csv")).get(0).endsWith(",sigma,train_seconds"));

        Path fixed = dir.resolve("fixed");
        assertEquals(0, marglik(fixed, "--fixed-prior", "3.5").exit());
        List<String> rows = Files.readAllLines(fixed.resolve("metrics.csv"));
        assertTrue(rows.get(0).endsWith("log_marglik,hyper_seconds,prior_precision[all],train_seconds"), rows.get(0));
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            assertEquals(3.5, Double.parseDouble(cells[cells.length - 2]), 1e-12);
            assertEquals("", cells[6], "no marglik estimate without hyperparameter steps");
        }
        assertEquals(1, Files.readAllLines(fixed.resolve("hyper_steps.csv")).size());
    }

    @Test
    void sameSeedGivesTheSameRun() throws IOException {
        assertEquals(0, marglik(dir.resolve("a"), "--seed", "5").exit());
        assertEquals(0, marglik(dir.resolve("b"), "--seed", "5").exit());
        Sequential a = ModelIO.load(dir.resolve("a/model.json"), dir.resolve("a/model.safetensors"));
        Sequential b = ModelIO.load(dir.resolve("b/model.json"), dir.resolve("b/model.safetensors"));
        assertArrayEquals(a.flatParameters().toArray(), b.flatParameters().toArray(), 0.0);
    }

    @Test
    void badTrainingOptionsExitWithStatus2() {
        CliRun r = marglik(dir.resolve("x"), "--epochs", "0");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--epochs 0"), r.err());
        r = marglik(dir.resolve("x"), "--optimizer", "lbfgs");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--optimizer 'lbfgs'"), r.err());
        r = CliRun.of("marglik", "--dataset", "sine", "--partition", "grouped", "--out", dir.resolve("y").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--partition grouped"), r.err());
        assertFalse(Files.exists(dir.resolve("x")) || Files.exists(dir.resolve("y")), "nothing is written for bad input");
    }
}
