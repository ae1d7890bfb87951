package org.jlaplace.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jlaplace.autodiff.io.DType;
import org.jlaplace.autodiff.io.ModelIO;
import org.jlaplace.bench.model.ArchitectureSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end: {@code jlaplace bounds} on a small model; certified bounds never exceed the exact value. */
class BoundsCommandTest {
    @TempDir
    Path dir;

    @Test
    void certifiedBoundsAreBelowTheExactValueAtEveryPriorPrecision() throws IOException {
        Path json = dir.resolve("m.json");
        Path weights = dir.resolve("m.safetensors");
        ModelIO.save(ArchitectureSpec.build("mlp:6-3:tanh", new int[] {4}, 3, 1), json, weights, DType.F64);
        Path out = dir.resolve("b");
        CliRun r = CliRun.of("bounds", "--model", json.toString(), "--weights", weights.toString(), "--dataset", "iris",
                "--standardize", "--max-data", "48", "--estimators", "kernel,outputwise,parametric,kron",
                "--batch-sizes", "8,24", "--partitions", "contiguous,random,grouped", "--grid", "-2,2,5",
                "--repetitions", "2", "--out", out.toString(), "--quiet");
        assertEquals(0, r.exit(), r.toString());
        List<String> lines = Files.readAllLines(out.resolve("bounds.csv"));
        assertEquals("estimator,certified,partition,batch_size,prior_precision,log_marglik_mean,log_marglik_se,repetitions,exact,slack,seconds",
                lines.get(0));
        assertEquals(1 + 5 + 4 * 2 * 3 * 5, lines.size(), "exact + estimators × M × partitions, 5 grid points each");
        Map<Double, Double> exact = new HashMap<>();
        Map<String, Double> contiguousKernel = new HashMap<>();
        int certifiedRows = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            double delta = Double.parseDouble(c[4]);
            double value = Double.parseDouble(c[5]);
            if (c[0].equals("exact")) {
                exact.put(delta, value);
                continue;
            }
            double ex = Double.parseDouble(c[8]);
            assertEquals(exact.get(delta), ex, 0.0, "exact column matches the exact rows");
            if (c[0].equals("kernel") && c[2].equals("contiguous")) {
                contiguousKernel.put(c[3] + "@" + c[4], value);
            }
            if (c[1].equals("true")) {
                certifiedRows++;
                assertTrue(value <= ex + 1e-8 * Math.abs(ex), line);
                assertTrue(Double.parseDouble(c[9]) >= -1e-8 * Math.abs(ex), line);
            }
        }
        assertEquals(3 * 2 * 3 * 5, certifiedRows, "kernel, outputwise and parametric are certified; kron is not");
        assertEquals(2 * 5, contiguousKernel.size());
        for (double delta : exact.keySet()) {
            double coarse = contiguousKernel.get("24@" + delta);
            double fine = contiguousKernel.get("8@" + delta);
            assertTrue(fine <= coarse + 1e-9 * Math.abs(coarse),
                    "contiguous batches of 8 refine those of 24, so the kernel bound tightens with M at δ=" + delta
                            + ": " + fine + " > " + coarse);
        }
        for (String png : List.of("bounds_vs_prior_M8.png", "bounds_vs_prior_M24.png", "slack_vs_time.png")) {
            assertTrue(Files.size(out.resolve(png)) > 100, png);
        }
    }

    /**
     * A CNN trained on IDX images, then its bounds on a class-balanced subset of the same split: every
     * certified bound stays below the exact value, grouped batches hold one class, and the slack
     * plot is written.
     */
    @Test
    void cnnOnIdxSubsetGivesCertifiedBoundsAndTheSlackPlot() throws IOException {
        Path[] idx = SyntheticIdx.write(dir, "imgs", 75, 8, 3, 5, true);
        Path run = dir.resolve("run");
        String[] data = {"--images", idx[0].toString(), "--labels", idx[1].toString(), "--scale", "0.00392", "--subset", "30"};
        List<String> train = new java.util.ArrayList<>(List.of("marglik", "--model", "cnn:2:6-3", "--epochs", "3", "--burn-in",
                "1", "--marglik-frequency", "1", "--hyper-steps", "1", "--batch-size", "10", "--laplace-predictive", "off",
                "--out", run.toString(), "--quiet"));
        train.addAll(List.of(data));
        assertEquals(0, CliRun.of(train.toArray(new String[0])).exit());
        Path out = dir.resolve("b");
        List<String> bounds = new java.util.ArrayList<>(List.of("bounds", "--run", run.toString(), "--estimators", "kernel",
                "--batch-sizes", "5,10,30", "--partitions", "grouped,random", "--grid", "-1,1,3", "--repetitions", "2",
                "--out", out.toString(), "--quiet"));
        bounds.addAll(List.of(data));
        CliRun r = CliRun.of(bounds.toArray(new String[0]));
        assertEquals(0, r.exit(), r.toString());
        List<String> lines = Files.readAllLines(out.resolve("bounds.csv"));
        assertEquals(1 + 3 + 3 * 2 * 3, lines.size(), "exact + M × partitions, 3 grid points each");
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            assertTrue(c[0].equals("exact") || c[3].matches("5|10|30"), line);
            assertEquals(c[0].equals("exact") ? "30" : c[3], c[3], "the subset of 30 is the data: " + line);
            double value = Double.parseDouble(c[5]);
            double exact = Double.parseDouble(c[8]);
            assertTrue(value <= exact + 1e-8 * Math.abs(exact), line);
        }
        assertTrue(Files.size(out.resolve("slack_vs_time.png")) > 100);
        assertTrue(Files.size(out.resolve("bounds_vs_prior_M30.png")) > 100);
    }

    @Test
    void badGridIsRejected() {
        CliRun r = CliRun.of("bounds", "--model", "mlp:4-3", "--weights", "w", "--dataset", "iris", "--grid", "2,1,3",
                "--out", dir.resolve("x").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--grid"), r.err());
        r = CliRun.of("bounds", "--dataset", "iris", "--estimators", "exact", "--out", dir.resolve("x").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--estimators: 'exact'"), r.err());
    }
}
