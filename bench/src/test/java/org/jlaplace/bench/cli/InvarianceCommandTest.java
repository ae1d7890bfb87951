package org.jlaplace.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jlaplace.autodiff.augment.AffineGenerator;
import org.jlaplace.bench.report.Json;
import org.jlaplace.laplace.invariance.InvarianceConfig;
import org.jlaplace.laplace.invariance.KernelStructure;
import org.jlaplace.laplace.partition.PartitionScheme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end: {@code marglik --rotate-data} and {@code --invariance} on a tiny image CSV, and their bad input. */
class InvarianceCommandTest {
    @TempDir
    Path dir;

    /** 30 images 1×6×6: a bright bar whose row encodes the class (0, 1, 2), plus a deterministic speckle. */
    private Path images() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < 36; j++) {
            sb.append('p').append(j).append(',');
        }
        sb.append("label\n");
        for (int i = 0; i < 30; i++) {
            int label = i % 3;
            for (int j = 0; j < 36; j++) {
                double v = (j / 6 == 1 + 2 * label ? 1.0 : 0.0) + 0.1 * Math.abs(Math.sin(7 * i + j));
                sb.append(v).append(',');
            }
            sb.append(label).append('\n');
        }
        Path csv = dir.resolve("img.csv");
        Files.writeString(csv, sb.toString());
        return csv;
    }

    private CliRun marglik(String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("marglik", "--data", images().toString(), "--likelihood",
                "classification", "--input-shape", "1,6,6", "--model", "mlp:8-3:tanh", "--epochs", "3", "--burn-in", "1",
                "--marglik-frequency", "1", "--hyper-steps", "2", "--batch-size", "8", "--train-batch-size", "8",
                "--quiet", "--json"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(new String[0]));
    }

    private static List<String> rows(Path p) throws IOException {
        return Files.readAllLines(p);
    }

    @Test
    void invarianceRunLogsEveryExtentPerEpochAndPlotsThem() throws IOException {
        Path out = dir.resolve("inv");
        CliRun r = marglik("--invariance", "rotation,translation", "--aug-samples", "2", "--out", out.toString());
        assertEquals(0, r.exit(), r.toString());
        List<String> m = rows(out.resolve("metrics.csv"));
        assertEquals(4, m.size(), "header + one row per epoch");
        assertTrue(m.get(0).endsWith(",aug_rotation,aug_translation_x,aug_translation_y,train_seconds"), m.get(0));
        String[] last = m.get(3).split(",");
        double rotation = Double.parseDouble(last[List.of(m.get(0).split(",")).indexOf("aug_rotation")]);
        assertTrue(rotation > 0 && Double.isFinite(rotation), "extent " + rotation);
        assertNotEquals(0.05, rotation, "the extent was updated by the hyper-steps after the burn-in");
        assertTrue(Files.size(out.resolve("invariance.png")) > 100);
        Map<?, ?> s = (Map<?, ?>) Json.parse(r.out());
        assertEquals(rotation, ((Number) s.get("aug_rotation")).doubleValue(), 1e-12);
        double acc = ((Number) s.get("test_accuracy")).doubleValue();
        assertTrue(acc >= 0 && acc <= 1, "accuracy " + acc);
    }

    @Test
    void hyperStepsCsvHasOneRowPerStepWithEstimateAndExtents() throws IOException {
        Path out = dir.resolve("steps");
        CliRun r = marglik("--invariance", "rotation,scale", "--aug-samples", "2", "--out", out.toString());
        assertEquals(0, r.exit(), r.toString());
        List<String> h = rows(out.resolve("hyper_steps.csv"));
        assertEquals("step,seconds,log_marglik_estimate,prior_precision[1.weight],prior_precision[1.bias],"
                + "prior_precision[3.weight],prior_precision[3.bias],aug_rotation,aug_scale,step_seconds", h.get(0));
        // burn-in 1, then 2 steps after each of epochs 2 and 3
        assertEquals(1 + 4, h.size(), String.join("\n", h));
        for (int i = 1; i < h.size(); i++) {
            String[] f = h.get(i).split(",");
            assertEquals(i, Integer.parseInt(f[0]));
            for (int k = 2; k < f.length; k++) {
                assertTrue(Double.isFinite(Double.parseDouble(f[k])), "column " + k + " of step " + i + ": " + f[k]);
            }
        }
        String[] lastStep = h.get(4).split(",");
        String[] lastEpoch = rows(out.resolve("metrics.csv")).get(3).split(",");
        assertEquals(Double.parseDouble(lastEpoch[lastEpoch.length - 2]), Double.parseDouble(lastStep[lastStep.length - 2]),
                1e-12, "the epoch's extent is the one after its last hyper-step");
        double epochEstimate = Double.parseDouble(lastEpoch[6]);
        double meanOfSteps = (Double.parseDouble(h.get(3).split(",")[2]) + Double.parseDouble(lastStep[2])) / 2;
        assertEquals(meanOfSteps, epochEstimate, 1e-9 * Math.abs(meanOfSteps), "log_marglik is the mean of the epoch's estimates");
        Map<?, ?> s = (Map<?, ?>) Json.parse(r.out());
        assertTrue(Double.isFinite(((Number) s.get("log_marglik")).doubleValue()), "final estimate " + s.get("log_marglik"));
        assertTrue(Files.size(out.resolve("marglik.png")) > 100);
    }

    @Test
    void commandLineDefaultsAreTheLibraryDefaults() {
        InvarianceConfig lib = InvarianceConfig.defaults(List.of(AffineGenerator.ROTATION));
        assertEquals(InvarianceDefaults.EPOCHS, lib.epochs());
        assertEquals(InvarianceDefaults.BURN_IN, lib.burnIn());
        assertEquals(InvarianceDefaults.FREQUENCY, lib.frequency());
        assertEquals(InvarianceDefaults.HYPER_STEPS, lib.hyperSteps());
        assertEquals(InvarianceDefaults.LEARNING_RATE, lib.learningRate());
        assertEquals(MarglikCommand.DEFAULT_AUG_SAMPLES, lib.augSamples());
        assertEquals(KernelStructure.FULL, lib.kernel());
        assertEquals(PartitionScheme.GROUPED, lib.partition());
    }

    @Test
    void invarianceDefaultsApplyOnlyToOptionsNotGiven() throws IOException {
        Path out = dir.resolve("defaults");
        CliRun r = CliRun.of("marglik", "--data", images().toString(), "--likelihood", "classification", "--input-shape",
                "1,6,6", "--model", "mlp:8-3:tanh", "--epochs", "2", "--hyper-steps", "4", "--invariance", "rotation",
                "--quiet", "--json", "--out", out.toString());
        assertEquals(0, r.exit(), r.toString());
        Map<?, ?> c = (Map<?, ?>) ((Map<?, ?>) Json.parse(r.out())).get("config");
        assertEquals(2, ((Number) c.get("epochs")).intValue(), "given explicitly");
        assertEquals(4, ((Number) c.get("hyper_steps")).intValue(), "given explicitly");
        assertEquals(InvarianceDefaults.BURN_IN, ((Number) c.get("burn_in")).intValue());
        assertEquals(InvarianceDefaults.FREQUENCY, ((Number) c.get("marglik_frequency")).intValue());
        assertEquals("kernel", c.get("estimator"), "the plain bound: output-wise M=30 bounds were too loose to fit well");
        assertEquals("grouped", c.get("partition"), "classification batches grouped by class, as without --invariance");
        assertEquals(InvarianceDefaults.LEARNING_RATE, ((Number) c.get("lr")).doubleValue());
        assertEquals(MarglikCommand.DEFAULT_AUG_SAMPLES, ((Number) c.get("aug_samples")).intValue());
        CliRun plain = CliRun.of("marglik", "--data", images().toString(), "--likelihood", "classification",
                "--input-shape", "1,6,6", "--model", "mlp:8-3:tanh", "--epochs", "1", "--quiet", "--json", "--out",
                dir.resolve("plain").toString());
        assertEquals(0, plain.exit(), plain.toString());
        Map<?, ?> pc = (Map<?, ?>) ((Map<?, ?>) Json.parse(plain.out())).get("config");
        assertEquals("kernel", pc.get("estimator"), "without --invariance the plain defaults stay");
        assertEquals(0.003, ((Number) pc.get("lr")).doubleValue());
        CliRun help = CliRun.of("marglik", "--help");
        assertTrue(help.out().replaceAll("\\s+", " ").contains("With --invariance the defaults are --epochs "
                + InvarianceDefaults.EPOCHS), help.out());
    }

    @Test
    void rotatedDataChangeTheImagesButNotTheirNumber() throws IOException {
        Path plain = dir.resolve("plain");
        Path rotated = dir.resolve("rot");
        assertEquals(0, marglik("--fixed-prior", "1", "--out", plain.toString()).exit());
        CliRun r = marglik("--fixed-prior", "1", "--rotate-data", "90", "--out", rotated.toString());
        assertEquals(0, r.exit(), r.toString());
        Map<?, ?> a = (Map<?, ?>) Json.parse(Files.readString(plain.resolve("summary.json")));
        Map<?, ?> b = (Map<?, ?>) Json.parse(Files.readString(rotated.resolve("summary.json")));
        assertEquals(((Map<?, ?>) a.get("config")).get("n_train"), ((Map<?, ?>) b.get("config")).get("n_train"));
        assertNotEquals(rows(plain.resolve("metrics.csv")).get(1), rows(rotated.resolve("metrics.csv")).get(1),
                "the same network sees other inputs");
        CliRun zero = marglik("--fixed-prior", "1", "--rotate-data", "0", "--out", dir.resolve("zero").toString());
        assertEquals(0, zero.exit(), zero.toString());
        assertEquals(Double.parseDouble(rows(plain.resolve("metrics.csv")).get(3).split(",")[2]),
                Double.parseDouble(rows(dir.resolve("zero").resolve("metrics.csv")).get(3).split(",")[2]), 1e-9,
                "a rotation by 0 degrees leaves the data (and so the training loss) unchanged");
    }

    @Test
    void badInvarianceInputExitsWithStatusTwoAndWritesNothing() throws IOException {
        Object[][] cases = {
            {new String[] {"--invariance", "rotation,spin"}, "spin"},
            {new String[] {"--invariance", "rotation", "--aug-samples", "0"}, "--aug-samples"},
            {new String[] {"--invariance", "rotation", "--aug-lr", "-1"}, "--aug-lr"},
            {new String[] {"--rotate-data", "-5"}, "--rotate-data"},
            {new String[] {"--invariance", "shear,warp"}, "warp"},
            {new String[] {"--invariance", ""}, "--invariance"},
            {new String[] {"--invariance", "rotation", "--aug-samples", "-3"}, "--aug-samples"},
            {new String[] {"--invariance", "rotation", "--aug-init", "0"}, "--aug-init"},
            {new String[] {"--invariance", "rotation", "--optimizer", "sgd"}, "--optimizer"},
            {new String[] {"--invariance", "rotation", "--schedule", "exponential"}, "--schedule"},
            {new String[] {"--invariance", "rotation", "--momentum", "0.5"}, "--momentum"},
            {new String[] {"--invariance", "rotation", "--partition", "contiguous"}, "--partition"},
            {new String[] {"--invariance", "rotation", "--fixed-prior", "1"}, "--fixed-prior"},
            {new String[] {"--invariance", "rotation", "--estimator", "kron"}, "kron"},
        };
        for (Object[] c : cases) {
            Path out = dir.resolve("bad");
            List<String> args = new ArrayList<>(List.of((String[]) c[0]));
            args.addAll(List.of("--out", out.toString()));
            CliRun r = marglik(args.toArray(new String[0]));
            assertEquals(2, r.exit(), r.toString());
            assertTrue(r.err().contains((String) c[1]), r.err());
            assertFalse(Files.exists(out), "nothing written for " + args);
        }
        Path out = dir.resolve("tabular");
        CliRun r = CliRun.of("marglik", "--dataset", "iris", "--invariance", "rotation", "--epochs", "1", "--out",
                out.toString(), "--quiet");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("image"), r.err());
        assertFalse(Files.exists(out));
        CliRun rot = CliRun.of("marglik", "--dataset", "iris", "--rotate-data", "30", "--epochs", "1", "--out",
                out.toString(), "--quiet");
        assertEquals(2, rot.exit(), rot.toString());
        assertTrue(rot.err().contains("image"), rot.err());
    }
}
