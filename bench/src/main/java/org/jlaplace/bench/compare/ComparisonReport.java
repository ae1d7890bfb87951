package org.jlaplace.bench.compare;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jlaplace.bench.report.CsvTable;
import org.jlaplace.bench.report.Json;
import org.jlaplace.bench.report.Plots;
import org.jlaplace.bench.report.PngWriter;
import org.jlaplace.bench.report.RunDirectory;
import org.jlaplace.bench.report.TextTable;
import org.knowm.xchart.BitmapEncoder;

/**
 * The files of {@code jlaplace compare} built from every strategy's {@link RunOutcome}:
 * {@code comparison.csv} (per strategy and epoch: wall seconds in total and in hyper-steps, train
 * loss, test metric, test log-likelihood of the MAP predictive and, on the last epoch, of the
 * linearised-Laplace predictive, the epoch's marginal-likelihood estimate, and every
 * hyperparameter), {@code comparison.png} (test log-likelihood and test metric against wall
 * seconds, one curve per strategy) and {@code pareto.png} (final test log-likelihood against
 * total seconds), plus the console table and the JSON summary. Seconds are those of the runs'
 * metrics.csv: wall time from the start of training to the end of each epoch (minibatch steps,
 * hyper-steps and the per-epoch test evaluation), without the final Laplace predictive and the
 * report, which the run's summary.json times separately.
 */
public final class ComparisonReport {
    private final List<RunOutcome> outcomes;
    private final String metric;

    /** A report of {@code outcomes}, in strategy order. */
    public ComparisonReport(List<RunOutcome> outcomes) {
        this.outcomes = List.copyOf(outcomes);
        String m = "test_accuracy";
        for (RunOutcome o : outcomes) {
            if (o.columns().contains("test_rmse")) {
                m = "test_rmse";
            }
        }
        this.metric = m;
    }

    /** comparison.csv: one row per strategy and completed epoch; hyperparameter columns are the union over runs. */
    public CsvTable table() {
        Set<String> hyper = new LinkedHashSet<>();
        for (RunOutcome o : outcomes) {
            for (String c : o.columns()) {
                if (c.startsWith("prior_precision[") || c.equals("sigma")) {
                    hyper.add(c);
                }
            }
        }
        List<String> cols = new ArrayList<>(List.of("strategy", "status", "epoch", "seconds", "hyper_seconds", "train_loss",
                metric, "test_log_likelihood", "test_log_likelihood_laplace", "log_marglik"));
        cols.addAll(hyper);
        CsvTable t = new CsvTable(cols);
        for (RunOutcome o : outcomes) {
            for (int i = 0; i < o.rows().size(); i++) {
                boolean last = i == o.rows().size() - 1;
                List<Object> row = new ArrayList<>(List.of(o.strategy().spec(), o.status(), (int) o.column("epoch")[i],
                        o.column("seconds")[i], o.column("hyper_seconds")[i], o.column("train_loss")[i], o.column(metric)[i],
                        o.column("test_log_likelihood")[i],
                        // The Laplace predictive is computed once, after the last epoch.
                        last ? o.number("test_log_likelihood_laplace") : Double.NaN, o.column("log_marglik")[i]));
                for (String h : hyper) {
                    row.add(o.column(h)[i]);
                }
                t.add(row.toArray());
            }
        }
        return t;
    }

    /** Writes comparison.csv, comparison.png and pareto.png into {@code dir}. */
    public void write(RunDirectory dir) {
        dir.writeString("comparison.csv", table().render());
        String metricLabel = metric.equals("test_rmse") ? "test RMSE" : "test accuracy";
        Plots.Figure ll = Plots.figure("Test log-likelihood (MAP predictive) against wall time", "wall seconds",
                "test log-likelihood per datum");
        Plots.Figure acc = Plots.figure(metricLabel + " against wall time", "wall seconds", metricLabel);
        Plots.Figure pareto = Plots.figure("Final test log-likelihood against total time", "total seconds",
                "final test log-likelihood per datum");
        for (RunOutcome o : outcomes) {
            if (!o.hasEpochs()) {
                continue;
            }
            double[] seconds = o.column("seconds");
            ll.line(o.strategy().spec(), seconds, o.column("test_log_likelihood"));
            acc.line(o.strategy().spec(), seconds, o.column(metric));
            double[] lls = o.column("test_log_likelihood");
            pareto.scatter(o.strategy().spec(), new double[] {seconds[seconds.length - 1]}, new double[] {lls[lls.length - 1]});
        }
        dir.write("comparison.png", out -> {
            BufferedImage left = BitmapEncoder.getBufferedImage(ll.chart());
            BufferedImage right = BitmapEncoder.getBufferedImage(acc.chart());
            BufferedImage both = new BufferedImage(left.getWidth() + right.getWidth(),
                    Math.max(left.getHeight(), right.getHeight()), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = both.createGraphics();
            g.drawImage(left, 0, 0, null);
            g.drawImage(right, left.getWidth(), 0, null);
            g.dispose();
            PngWriter.write(both, out);
        });
        pareto.save(dir, "pareto.png");
    }

    /** The console table: one row per strategy. */
    public String render() {
        TextTable t = new TextTable().row("strategy", "status", "epochs", "seconds", "hyper s",
                metric.equals("test_rmse") ? "test RMSE" : "test acc", "test LL (MAP)", "test LL (Laplace)", "log marglik");
        for (RunOutcome o : outcomes) {
            if (!o.hasEpochs()) {
                t.row(o.strategy().spec(), o.status(), "0", "", "", "", "", "", o.message());
                continue;
            }
            int last = o.rows().size() - 1;
            t.row(o.strategy().spec(), o.status(), Integer.toString(o.rows().size()), fmt(o.column("seconds")[last]),
                    fmt(o.column("hyper_seconds")[last]), fmt(o.column(metric)[last]), fmt(o.column("test_log_likelihood")[last]),
                    fmt(o.number("test_log_likelihood_laplace")), fmt(o.number("log_marglik")));
        }
        return t.render();
    }

    /** The summary as one JSON object: per strategy its status, message and final values. */
    public Map<String, Object> json(String output) {
        Map<String, Object> root = Json.object();
        root.put("output", output);
        List<Map<String, Object>> runs = new ArrayList<>();
        for (RunOutcome o : outcomes) {
            Map<String, Object> r = Json.object();
            r.put("strategy", o.strategy().spec());
            r.put("status", o.status());
            if (!o.message().isEmpty()) {
                r.put("message", o.message());
            }
            r.put("epochs_completed", o.rows().size());
            if (o.hasEpochs()) {
                int last = o.rows().size() - 1;
                r.put("seconds", o.column("seconds")[last]);
                r.put("run_seconds", o.number("seconds"));
                r.put("hyper_seconds", o.column("hyper_seconds")[last]);
                r.put(metric, o.column(metric)[last]);
                r.put("test_log_likelihood", o.column("test_log_likelihood")[last]);
                r.put("test_log_likelihood_laplace", o.number("test_log_likelihood_laplace"));
                r.put("log_marglik", o.number("log_marglik"));
                r.put("prior_precision", o.summary().get("prior_precision"));
            }
            runs.add(r);
        }
        root.put("strategies", runs);
        return root;
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.4g", v);
    }
}
