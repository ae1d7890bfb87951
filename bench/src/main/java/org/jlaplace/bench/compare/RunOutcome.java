package org.jlaplace.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jlaplace.bench.report.Json;

/**
 * How one strategy's run ended, with what it wrote: {@code summary.json} (parsed) and the rows of
 * {@code metrics.csv} (one per completed epoch; empty cells are NaN).
 *
 * @param strategy the strategy
 * @param status   {@code completed}, {@code interrupted} (the run stopped early and kept its completed epochs),
 *                 {@code failed} (no report) or {@code skipped} (not run, see the message)
 * @param message  why it failed or was skipped (empty otherwise)
 * @param summary  the run's summary.json, or an empty map
 * @param columns  metrics.csv's header (empty without a report)
 * @param rows     metrics.csv's rows
 */
public record RunOutcome(Strategy strategy, String status, String message, Map<String, Object> summary,
                         List<String> columns, List<double[]> rows) {

    /** A run that wrote no report. */
    public static RunOutcome without(Strategy strategy, String status, String message) {
        return new RunOutcome(strategy, status, message, Map.of(), List.of(), List.of());
    }

    /** Reads the report a run left in {@code dir}; its status is the one summary.json records. */
    @SuppressWarnings("unchecked")
    public static RunOutcome read(Strategy strategy, Path dir) throws IOException {
        Map<String, Object> summary = (Map<String, Object>) Json.parse(Files.readString(dir.resolve("summary.json")));
        List<String> lines = Files.readAllLines(dir.resolve("metrics.csv"));
        List<String> columns = List.of(lines.get(0).split(",", -1));
        List<double[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            double[] row = new double[columns.size()];
            for (int j = 0; j < row.length; j++) {
                row[j] = j < cells.length && !cells[j].isEmpty() ? Double.parseDouble(cells[j]) : Double.NaN;
            }
            rows.add(row);
        }
        Object status = summary.get("status");
        return new RunOutcome(strategy, status == null ? "completed" : status.toString(), "", summary, columns, rows);
    }

    /** The metrics.csv column {@code name} (NaNs when absent). */
    public double[] column(String name) {
        int j = columns.indexOf(name);
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = j < 0 ? Double.NaN : rows.get(i)[j];
        }
        return out;
    }

    /** A number of summary.json, NaN when absent. */
    public double number(String key) {
        Object v = summary.get(key);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** Whether the run left a report with at least one epoch. */
    public boolean hasEpochs() {
        return !rows.isEmpty();
    }
}
