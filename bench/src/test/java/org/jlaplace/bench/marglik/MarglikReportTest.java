package org.jlaplace.bench.marglik;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.bench.data.Task;
import org.jlaplace.bench.model.ArchitectureSpec;
import org.jlaplace.bench.report.Json;
import org.jlaplace.bench.report.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run report's timing columns and summary, and reading tables back from a checkpoint. */
class MarglikReportTest {
    @TempDir
    Path dir;

    private final Sequential net = ArchitectureSpec.build("mlp:3-2:tanh", new int[] {2}, 2, 1);

    private static MarglikReport report(RunDirectory out) {
        return new MarglikReport(out, Task.CLASSIFICATION, new String[] {"w", "b"}, Json.object());
    }

    private static EpochRecord epoch(int e, double trainSeconds) {
        return new EpochRecord(e, 0.5 * e, 1.0 / e, 0.9, 0.8, -0.3, -100.0 - e, new double[] {2.0 * e, 3.0 * e}, Double.NaN,
                Map.of(), 0.1 * e, trainSeconds);
    }

    @Test
    void timingReportsFirstAndMedianEpochAndHyperStep() throws IOException {
        RunDirectory out = RunDirectory.create(dir.resolve("run"), false);
        MarglikReport r = report(out);
        double[] epochs = {0.9, 0.1, 0.3, 0.2};
        double[] steps = {0.05, 0.02, 0.04};
        for (int e = 0; e < epochs.length; e++) {
            r.epoch(epoch(e + 1, epochs[e]), net);
        }
        for (int k = 0; k < steps.length; k++) {
            r.hyperStep(k + 1, -700, new double[] {1, 2}, Double.NaN, Map.of(), steps[k]);
        }
        Map<?, ?> t = (Map<?, ?>) r.finish(-1.0).get("timing");
        assertEquals(1.5, ((Number) t.get("training_seconds")).doubleValue(), 1e-12);
        assertEquals(0.9, ((Number) t.get("first_epoch_seconds")).doubleValue(), 0);
        assertEquals(0.25, ((Number) t.get("median_epoch_seconds")).doubleValue(), 1e-15);
        assertEquals(3.6, ((Number) t.get("first_epoch_over_median")).doubleValue(), 1e-12);
        assertEquals(0.04, ((Number) t.get("median_hyper_step_seconds")).doubleValue(), 0);
        assertEquals(1.25, ((Number) t.get("first_hyper_step_over_median")).doubleValue(), 1e-12);
        List<String> h = Files.readAllLines(out.staging().resolve("hyper_steps.csv"));
        assertTrue(h.get(0).endsWith(",step_seconds"), h.get(0));
        assertTrue(h.get(2).endsWith(",0.02"), h.get(2));
    }

    /**
     * A restored table's last row becomes the summary's epoch: its prior precisions are read from
     * their own columns (after {@code hyper_seconds}), also from a checkpoint written before the
     * {@code train_seconds} column existed.
     */
    @Test
    void restoredTablesKeepTheirPrecisionsAlsoWithoutTheTimingColumn() throws IOException {
        RunDirectory first = RunDirectory.create(dir.resolve("first"), false);
        MarglikReport a = report(first);
        a.epoch(epoch(1, 0.2), net);
        a.epoch(epoch(2, 0.1), net);
        a.hyperStep(1, -700, new double[] {1, 2}, Double.NaN, Map.of(), 0.03);
        a.finish(-1.0);
        String metrics = Files.readString(first.staging().resolve("metrics.csv"));
        String steps = Files.readString(first.staging().resolve("hyper_steps.csv"));
        for (String m : List.of(metrics, withoutLastColumn(metrics))) {
            RunDirectory again = RunDirectory.create(dir.resolve("again" + m.length()), false);
            MarglikReport b = report(again);
            b.restore(m, withoutLastColumn(steps), 1.0);
            b.markInterrupted();
            Map<?, ?> s = (Map<?, ?>) Json.parse(Files.readString(again.staging().resolve("summary.json")));
            Map<?, ?> precision = (Map<?, ?>) s.get("prior_precision");
            assertEquals(4.0, ((Number) precision.get("w")).doubleValue(), 0);
            assertEquals(6.0, ((Number) precision.get("b")).doubleValue(), 0);
            assertEquals(-0.3, ((Number) s.get("test_log_likelihood")).doubleValue(), 0);
        }
    }

    private static String withoutLastColumn(String csv) {
        StringBuilder b = new StringBuilder();
        for (String line : csv.split("\n")) {
            b.append(line, 0, line.lastIndexOf(',')).append('\n');
        }
        return b.toString();
    }
}
