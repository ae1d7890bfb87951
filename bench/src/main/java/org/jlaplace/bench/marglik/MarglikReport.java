package org.jlaplace.bench.marglik;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jlaplace.autodiff.io.DType;
import org.jlaplace.autodiff.io.ModelIO;
import org.jlaplace.autodiff.nn.Parameter;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.bench.data.Task;
import org.jlaplace.bench.report.CsvTable;
import org.jlaplace.bench.report.Json;
import org.jlaplace.bench.report.Plots;
import org.jlaplace.bench.report.BackgroundWrites;
import org.jlaplace.bench.report.RunDirectory;
import org.jlaplace.core.Tensor;

/**
 * The files of a marglik run: {@code metrics.csv} (one row per epoch), {@code hyper_steps.csv}
 * (one row per hyperparameter step), {@code summary.json}, {@code model.json} +
 * {@code model.safetensors}, and the plots {@code training_curves.png}, {@code metric.png},
 * {@code hyperparameters.png}, {@code marglik.png} (and {@code invariance.png} with learned extents). Every epoch is a checkpoint: the tables, the
 * model, a summary with {@code "status": "running"} and {@code checkpoint.bin} ({@link RunCheckpoint},
 * what {@code --resume} continues from) are rewritten under the run directory's lock.
 */
public final class MarglikReport {
    private final RunDirectory dir;
    private final Task task;
    private final String[] hyperNames;
    private final List<String> extentNames;
    /** The metrics.csv column of each epoch's minibatch-training wall time. */
    static final String TRAIN_SECONDS = "train_seconds";
    /** The hyper_steps.csv column of each hyper-step's wall time. */
    static final String STEP_SECONDS = "step_seconds";
    private final CsvTable metrics;
    /** Checkpoints and plots are written on this thread, in order, while training goes on. */
    private final BackgroundWrites writes = new BackgroundWrites("jlaplace-checkpoint");
    private boolean plotsStarted;
    private final CsvTable hyperSteps;
    private final Map<String, Object> config;
    private final long start = System.nanoTime();
    private double clockOffset;
    private EpochRecord last;

    /**
     * @param hyperNames one name per prior precision (e.g. {@code 0.weight} for layerwise, {@code all} for scalar)
     * @param config     the run's settings, copied into summary.json
     */
    public MarglikReport(RunDirectory dir, Task task, String[] hyperNames, Map<String, Object> config) {
        this(dir, task, hyperNames, List.of(), config);
    }

    /**
     * A report that also logs learned augmentation extents.
     *
     * @param extentNames the metrics.csv columns of the extents ({@code aug_rotation}, …), in record order
     */
    public MarglikReport(RunDirectory dir, Task task, String[] hyperNames, List<String> extentNames,
                         Map<String, Object> config) {
        this.dir = dir;
        this.task = task;
        this.hyperNames = hyperNames.clone();
        this.extentNames = List.copyOf(extentNames);
        this.config = config;
        String metric = task == Task.CLASSIFICATION ? "accuracy" : "rmse";
        List<String> cols = new ArrayList<>(List.of("epoch", "seconds", "train_loss", "train_" + metric, "test_" + metric,
                "test_log_likelihood", "log_marglik", "hyper_seconds"));
        for (String h : hyperNames) {
            cols.add("prior_precision[" + h + "]");
        }
        if (task == Task.REGRESSION) {
            cols.add("sigma");
        }
        cols.addAll(this.extentNames);
        cols.add(TRAIN_SECONDS);
        metrics = new CsvTable(cols);
        List<String> hcols = new ArrayList<>(List.of("step", "seconds", "log_marglik_estimate"));
        for (String h : hyperNames) {
            hcols.add("prior_precision[" + h + "]");
        }
        if (task == Task.REGRESSION) {
            hcols.add("sigma");
        }
        hcols.addAll(this.extentNames);
        hcols.add(STEP_SECONDS);
        hyperSteps = new CsvTable(hcols);
    }

    /** Records one hyperparameter step. */
    public void hyperStep(int step, double estimate, double[] precisions, double sigma) {
        hyperStep(step, estimate, precisions, sigma, Map.of(), Double.NaN);
    }

    /**
     * Records one hyperparameter step with the augmentation extents after it (by column name,
     * {@code aug_rotation}, …; a column without a value is NaN) and the wall time of the step alone.
     */
    public void hyperStep(int step, double estimate, double[] precisions, double sigma, Map<String, Double> extents,
                          double stepSeconds) {
        List<Object> row = new ArrayList<>(List.of(step, seconds(), estimate));
        for (double d : precisions) {
            row.add(d);
        }
        if (task == Task.REGRESSION) {
            row.add(sigma);
        }
        for (String e : extentNames) {
            row.add(extents.getOrDefault(e, Double.NaN));
        }
        row.add(stepSeconds);
        synchronizedAdd(hyperSteps, row.toArray());
    }

    /** Records an epoch and writes a checkpoint with the network in its state after that epoch. */
    public void epoch(EpochRecord r, Sequential net) {
        epoch(r, net, null);
    }

    /**
     * Records an epoch and writes a checkpoint with the network in its state after that epoch, and
     * {@code checkpoint.bin} from {@code resumable} (given the tables' CSV text), when not null.
     */
    public void epoch(EpochRecord r, Sequential net, Resumable resumable) {
        List<Object> row = new ArrayList<>(List.of(r.epoch(), r.seconds(), r.trainLoss(), r.trainMetric(), r.testMetric(),
                r.testLogLikelihood(), r.logMarglik(), r.hyperSeconds()));
        for (double d : r.priorPrecisions()) {
            row.add(d);
        }
        if (task == Task.REGRESSION) {
            row.add(r.sigma());
        }
        for (String e : extentNames) {
            row.add(r.extents().getOrDefault(e, Double.NaN));
        }
        row.add(r.trainSeconds());
        writes.rethrowFailure();
        Sequential model = snapshot(net);
        Object[] taken = new Object[4];
        dir.checkpoint(() -> {
            metrics.add(row.toArray());
            last = r;
            taken[0] = metrics.render();
            taken[1] = hyperSteps.render();
            taken[2] = summary("running", Double.NaN);
            taken[3] = resumable == null ? null : resumable.checkpoint((String) taken[0], (String) taken[1]);
        });
        writes.submit(() -> dir.checkpoint(() -> {
            dir.writeString("metrics.csv", (String) taken[0]);
            dir.writeString("hyper_steps.csv", (String) taken[1]);
            saveModel(model);
            dir.writeString("summary.json", Json.pretty(taken[2]));
            if (taken[3] != null) {
                dir.write(RunCheckpoint.FILE, ((RunCheckpoint) taken[3])::write);
            }
        }));
    }

    /**
     * Waits until every checkpoint handed to the background writer is on disk (or {@code timeout}
     * passed) and throws the first failure of a write. The run's last steps call this before
     * they write; the Ctrl-C hook before it marks the run interrupted.
     */
    public void awaitWrites() {
        writes.await();
        writes.rethrowFailure();
    }

    /** Waits as {@link #awaitWrites} does, without throwing a write's failure (for runs already failing or stopping). */
    public void settleWrites() {
        writes.await();
    }

    /** A copy of the network with its current parameters, for writing while training goes on. */
    private static Sequential snapshot(Sequential net) {
        Sequential copy;
        try {
            copy = ModelIO.build(ModelIO.specOf(net), null);
        } catch (IOException e) {
            throw new UncheckedIOException("copying the model for its checkpoint", e);
        }
        List<Parameter> from = net.parameters();
        List<Parameter> to = copy.parameters();
        for (int i = 0; i < from.size(); i++) {
            to.get(i).set(Tensor.of(from.get(i).value().toArray(), from.get(i).shape()));
        }
        return copy;
    }

    /** Makes the checkpoint of an epoch from the tables' CSV text at that epoch. */
    @FunctionalInterface
    public interface Resumable {
        /** The checkpoint with these tables. */
        RunCheckpoint checkpoint(String metricsCsv, String hyperStepsCsv);
    }

    /**
     * Continues the tables of a checkpoint: their rows are re-added exactly as written (numbers
     * render the same again), and the summary starts from the last epoch's row; the clock continues
     * from {@code seconds}.
     */
    public void restore(String metricsCsv, String hyperStepsCsv, double seconds) {
        dir.checkpoint(() -> {
            readRows(metricsCsv, metrics);
            readRows(hyperStepsCsv, hyperSteps);
            clockOffset = seconds;
            List<Object[]> rows = metrics.rows();
            if (!rows.isEmpty()) {
                last = recordOf(rows.get(rows.size() - 1));
            }
        });
    }

    /**
     * The rows of CSV text (header first) into {@code table}, which must have the same header, or
     * the same without its last (wall-time) column, as checkpoints written before that column
     * existed have: their rows get NaN there.
     */
    private static void readRows(String csv, CsvTable table) {
        String[] lines = csv.split("\n");
        List<String> columns = table.columns();
        String header = String.join(",", columns);
        String older = String.join(",", columns.subList(0, columns.size() - 1));
        if (lines.length == 0 || !(lines[0].equals(header) || lines[0].equals(older))) {
            throw new IllegalArgumentException("checkpoint: the table columns " + (lines.length == 0 ? "[]" : lines[0])
                    + " differ from this run's " + columns);
        }
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            Object[] row = new Object[columns.size()];
            java.util.Arrays.fill(row, Double.NaN);
            for (int j = 0; j < cells.length && j < row.length; j++) {
                row[j] = cellValue(cells[j]);
            }
            table.add(row);
        }
    }

    /** A rendered cell back as its value: empty as NaN, integers as Integer, else the double it renders. */
    private static Object cellValue(String cell) {
        if (cell.isEmpty()) {
            return Double.NaN;
        }
        if (cell.matches("-?[0-9]+")) {
            return Integer.valueOf(cell);
        }
        return Double.valueOf(cell);
    }

    /** The epoch record of a metrics.csv row (the columns this report writes). */
    private EpochRecord recordOf(Object[] row) {
        int k = hyperNames.length;
        double[] precisions = new double[k];
        for (int i = 0; i < k; i++) {
            precisions[i] = ((Number) row[8 + i]).doubleValue();
        }
        int next = 8 + k;
        double sigma = Double.NaN;
        if (task == Task.REGRESSION) {
            sigma = ((Number) row[next++]).doubleValue();
        }
        Map<String, Double> extents = new LinkedHashMap<>();
        for (String e : extentNames) {
            extents.put(e, ((Number) row[next++]).doubleValue());
        }
        return new EpochRecord(((Number) row[0]).intValue(), num(row[1]), num(row[2]), num(row[3]), num(row[4]), num(row[5]),
                num(row[6]), precisions, sigma, extents, num(row[7]), num(row[next]));
    }

    private static double num(Object v) {
        return ((Number) v).doubleValue();
    }

    /** Writes the final summary ({@code "status": "completed"}) and the plots; returns the summary. */
    public Map<String, Object> finish(double finalLogMarglik) {
        return finish(finalLogMarglik, Double.NaN);
    }

    /**
     * As {@link #finish(double)}, also recording {@code test_log_likelihood_laplace}, the test
     * log-likelihood of the linearised-Laplace predictive (NaN when not computed).
     */
    public Map<String, Object> finish(double finalLogMarglik, double laplaceTestLogLikelihood) {
        Map<String, Object> s = summary("completed", finalLogMarglik);
        s.put("test_log_likelihood_laplace", laplaceTestLogLikelihood);
        return written(s);
    }

    /**
     * As {@link #finish(double, double)}, also recording which posterior the predictive used
     * ({@code laplace_predictive}: {@code full}, {@code kron}, {@code diag} or {@code off}) and the
     * seconds it took ({@code laplace_predictive_seconds}, fitting and predicting; NaN when off).
     */
    public Map<String, Object> finish(double finalLogMarglik, double laplaceTestLogLikelihood, String laplacePredictive,
                                      double laplacePredictiveSeconds) {
        Map<String, Object> s = summary("completed", finalLogMarglik);
        s.put("test_log_likelihood_laplace", laplaceTestLogLikelihood);
        s.put("laplace_predictive", laplacePredictive);
        s.put("laplace_predictive_seconds", laplacePredictiveSeconds);
        return written(s);
    }

    private Map<String, Object> written(Map<String, Object> s) {
        startPlots();
        awaitWrites();
        dir.checkpoint(() -> {
            writeTables();
            dir.writeString("summary.json", Json.pretty(s));
        });
        return s;
    }

    /**
     * Starts rendering the plots of the tables as they are now on the background writer;
     * {@link #finish} waits for them (and starts them itself if this was not called). Measured on
     * the default job, drawing them while the Laplace predictive runs made the predictive slower
     * by more than the plots cost (the chart code's JIT compilations queue ahead of the
     * predictive's), so the command draws them at the end.
     */
    public void startPlots() {
        if (plotsStarted) {
            return;
        }
        plotsStarted = true;
        writes.rethrowFailure();
        Map<String, double[]> columns = new java.util.HashMap<>();
        dir.checkpoint(() -> {
            for (String c : metrics.columns()) {
                columns.put(c, metrics.column(c));
            }
            for (String c : List.of("seconds", "log_marglik_estimate")) {
                columns.put("hyper:" + c, hyperSteps.column(c));
            }
        });
        writes.submit(() -> writePlots(columns));
    }

    /**
     * For the Ctrl-C hook: the last checkpoint's summary marked {@code "interrupted"}. No plots: AWT
     * cannot start while the JVM shuts down; metrics.csv holds every completed epoch. Checkpoints
     * still being written are not waited for here (the hook waits for them before it takes the run
     * directory's lock, {@link #awaitWrites}).
     */
    public void markInterrupted() {
        dir.writeString("summary.json", Json.pretty(summary("interrupted", Double.NaN)));
    }

    private void synchronizedAdd(CsvTable t, Object[] row) {
        dir.checkpoint(() -> t.add(row));
    }

    private double seconds() {
        return clockOffset + (System.nanoTime() - start) / 1e9;
    }

    private void writeTables() {
        dir.writeString("metrics.csv", metrics.render());
        dir.writeString("hyper_steps.csv", hyperSteps.render());
    }

    private void saveModel(Sequential net) {
        try {
            ModelIO.save(net, dir.staging().resolve("model.json"), dir.staging().resolve("model.safetensors"), DType.F64);
        } catch (IOException e) {
            throw new UncheckedIOException("saving the model into " + dir.staging(), e);
        }
    }

    /** summary.json: the final metrics, hyperparameters, time and configuration. */
    private Map<String, Object> summary(String status, double finalLogMarglik) {
        Map<String, Object> s = Json.object();
        s.put("status", status);
        s.put("epochs_completed", last == null ? 0 : last.epoch());
        if (last != null) {
            if (task == Task.CLASSIFICATION) {
                s.put("test_accuracy", last.testMetric());
                s.put("train_accuracy", last.trainMetric());
            } else {
                s.put("test_rmse", last.testMetric());
                s.put("train_rmse", last.trainMetric());
            }
            s.put("test_log_likelihood", last.testLogLikelihood());
            Map<String, Object> hp = Json.object();
            for (int i = 0; i < hyperNames.length; i++) {
                hp.put(hyperNames[i], last.priorPrecisions()[i]);
            }
            s.put("prior_precision", hp);
            if (task == Task.REGRESSION) {
                s.put("sigma", last.sigma());
            }
            for (String e : extentNames) {
                s.put(e, last.extents().getOrDefault(e, Double.NaN));
            }
        }
        s.put("log_marglik", finalLogMarglik);
        s.put("seconds", seconds());
        s.put("timing", timing());
        s.put("config", config);
        return s;
    }

    /**
     * Wall times of the run's phases from the tables: all minibatch training and all hyper-steps,
     * and for each the first epoch (step) against the median one, whose ratio shows what a cold
     * start costs (NaN where nothing was measured).
     */
    private Map<String, Object> timing() {
        Map<String, Object> t = Json.object();
        double[] epochs = metrics.column(TRAIN_SECONDS);
        double[] steps = hyperSteps.column(STEP_SECONDS);
        t.put("training_seconds", sum(epochs));
        t.put("hyper_steps_seconds", sum(steps));
        t.put("first_epoch_seconds", epochs.length == 0 ? Double.NaN : epochs[0]);
        t.put("median_epoch_seconds", median(epochs));
        t.put("first_epoch_over_median", epochs.length == 0 ? Double.NaN : epochs[0] / median(epochs));
        t.put("first_hyper_step_seconds", steps.length == 0 ? Double.NaN : steps[0]);
        t.put("median_hyper_step_seconds", median(steps));
        t.put("first_hyper_step_over_median", steps.length == 0 ? Double.NaN : steps[0] / median(steps));
        return t;
    }

    private static double sum(double[] v) {
        double s = 0.0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    /** The median of {@code v} (NaN when empty or when any value is NaN). */
    static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        if (Double.isNaN(s[s.length - 1])) {
            return Double.NaN;
        }
        int h = s.length / 2;
        return s.length % 2 == 1 ? s[h] : 0.5 * (s[h - 1] + s[h]);
    }

    private void writePlots(Map<String, double[]> columns) {
        double[] epoch = columns.get("epoch");
        if (epoch.length == 0) {
            return;
        }
        Map<String, Plots.Figure> figures = new LinkedHashMap<>();
        String metric = task == Task.CLASSIFICATION ? "accuracy" : "rmse";
        figures.put("training_curves.png", Plots.figure("Training curves", "epoch", "per datum")
                .line("train loss (regularised NLL)", epoch, columns.get("train_loss"))
                .line("test negative log-likelihood", epoch, negate(columns.get("test_log_likelihood"))));
        figures.put("metric.png", Plots.figure(task == Task.CLASSIFICATION ? "Accuracy" : "RMSE", "epoch", metric)
                .line("train", epoch, columns.get("train_" + metric))
                .line("test", epoch, columns.get("test_" + metric)));
        Plots.Figure h = Plots.figure("Hyperparameters", "epoch", "value").logY();
        for (String name : hyperNames) {
            h.line("δ " + name, epoch, columns.get("prior_precision[" + name + "]"));
        }
        if (task == Task.REGRESSION) {
            h.line("σ", epoch, columns.get("sigma"));
        }
        figures.put("hyperparameters.png", h);
        if (!extentNames.isEmpty()) {
            Plots.Figure a = Plots.figure("Learned augmentation extents", "epoch", "extent (radians or fraction of image size)");
            for (String name : extentNames) {
                a.line(name, epoch, columns.get(name));
            }
            figures.put("invariance.png", a);
        }
        figures.put("marglik.png", Plots.figure("Marginal-likelihood estimates", "seconds", "log marglik estimate")
                .scatter("per hyper-step estimate", columns.get("hyper:seconds"), columns.get("hyper:log_marglik_estimate"))
                .line("epoch mean", columns.get("seconds"), columns.get("log_marglik")));
        Plots.saveAll(dir, figures);
    }

    private static double[] negate(double[] v) {
        double[] o = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = -v[i];
        }
        return o;
    }
}
