package org.jlaplace.bench.cli;

import static org.jlaplace.bench.cli.ModelLoading.runDirectory;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.bench.data.Dataset;
import org.jlaplace.bench.data.Task;
import org.jlaplace.bench.model.FlatInputs;
import org.jlaplace.laplace.NetworkModel;
import org.jlaplace.bench.report.CsvTable;
import org.jlaplace.bench.report.Json;
import org.jlaplace.bench.report.Plots;
import org.jlaplace.bench.report.RunDirectory;
import org.jlaplace.laplace.Laplace;
import org.jlaplace.laplace.MarginalLikelihood;
import org.jlaplace.laplace.BoundValue;
import org.jlaplace.laplace.bound.BoundEstimator;
import org.jlaplace.laplace.bound.Estimators;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.partition.Partition;
import org.jlaplace.laplace.prior.Prior;
import org.jlaplace.laplace.prior.PriorStructure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jlaplace bounds}: for a trained model and data, every chosen estimator's partition bound
 * for several batch sizes {@code M} and partitions over a grid of scalar prior precisions
 * {@code δ ∈ logspace(lo, hi)}, against the exact value (3.1). Deterministic (contiguous) partitions
 * are evaluated once; random and grouped partitions are drawn {@code --repetitions} times and
 * reported as mean and standard error. Batch kernels are computed once per partition and
 * re-evaluated at every {@code δ}.
 */
@Command(name = "bounds", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare the exact log marginal likelihood with its bounds over a grid of prior precisions.",
            "Writes bounds.csv, bounds_vs_prior_M<M>.png (one per batch size) and slack_vs_time.png."})
public final class BoundsCommand implements Callable<Integer> {
    @ParentCommand
    JlaplaceCommand parent;

    /** Most prior precisions one --grid may ask for (each is a full evaluation of every bound). */
    static final int MAX_GRID_POINTS = 10_000;

    @Option(names = "--run", paramLabel = "DIR", description = "A marglik output directory: its model.json and model.safetensors (and data defaults).")
    Path run;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--max-data", paramLabel = "N",
            description = "Use the first N training examples (the exact value costs O((N·C)^3) or O(P^3); default: "
                    + BoundsCommand.DEFAULT_MAX_DATA + ", or all of a --subset).")
    Integer maxData;

    /** Training examples used when neither --max-data nor --subset is given. */
    static final int DEFAULT_MAX_DATA = 200;

    @Option(names = "--estimators", paramLabel = "E", split = ",", splitSynopsisLabel = ",", defaultValue = "kernel,outputwise,diag,kron",
            description = "Estimators to compare (default: ${DEFAULT-VALUE}).")
    List<String> estimators;

    @Option(names = "--batch-sizes", paramLabel = "M", split = ",", splitSynopsisLabel = ",", defaultValue = "10,50,100",
            description = "Batch sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> batchSizes;

    @Option(names = "--partitions", paramLabel = "P", split = ",", splitSynopsisLabel = ",", defaultValue = "contiguous,random",
            description = "contiguous, random, grouped (M samples of one class per batch, each class's remainder a smaller batch; default: ${DEFAULT-VALUE}).")
    List<String> partitions;

    @Option(names = "--grid", paramLabel = "LO,HI,K", split = ",", splitSynopsisLabel = ",", defaultValue = "-4,4,9",
            description = "Prior precisions 10^LO..10^HI, K points log-spaced (default: ${DEFAULT-VALUE}).")
    List<Double> grid;

    @Option(names = "--repetitions", defaultValue = "3", description = "Draws of each random/grouped partition (default: ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--sigma", paramLabel = "S", description = "Regression noise σ (default: the run's learned σ, else 1).")
    Double sigma;

    @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/bounds-<timestamp>).")
    Path out;

    @Option(names = "--overwrite", description = "Replace an existing --out directory.")
    boolean overwrite;

    @Option(names = "--quiet", description = "No progress bar and no table.")
    boolean quiet;

    @Option(names = "--json", description = "Print the rows as a JSON array on standard output.")
    boolean json;

    @Override
    public Integer call() {
        PrintStream stdout = parent.out;
        validate();
        if (run != null) {
            if (model.model != null || model.weights != null) {
                throw new BadInputException("give either --run DIR or --model/--weights");
            }
            for (String f : new String[] {"model.json", "model.safetensors"}) {
                if (!Files.isRegularFile(run.resolve(f))) {
                    throw new BadInputException("--run " + run + ": " + (Files.isDirectory(run) ? "has no " + f
                            + " (is it a marglik output directory?)" : "no such directory"));
                }
            }
            model.model = run.resolve("model.json").toString();
            model.weights = run.resolve("model.safetensors");
        }
        Dataset all = data.loadTraining(run != null || !data.anySource() ? "digits" : null,
                run != null || !data.anySource() ? 1.0 / 16 : null, seed);
        Task task = all.task();
        Dataset train = data.split(all, 0.2, 0).train();
        train = data.standardized(train, train)[0];
        Sequential net = ModelLoading.load(model, train, true, null, seed);
        train = EvidenceCommand.fit(train, net);
        int limit = maxData != null ? maxData : data.subset != null ? data.subset : DEFAULT_MAX_DATA;
        int[] first = new int[Math.min(limit, train.size())];
        for (int i = 0; i < first.length; i++) {
            first[i] = i;
        }
        Dataset d = train.subset(first);
        int n = d.size();
        double s = sigma != null ? sigma : runSigma();
        Likelihood lik = LaplaceSetup.likelihood(task, net.outputSize(), s, 1.0);
        double[] deltas = logspace(grid.get(0), grid.get(1), (int) Math.round(grid.get(2)));
        requireMemory(net, d, n);
        NumericalChecks.requireUsable(net, d, "bounds");
        NetworkModel lin = FlatInputs.linearized(net, d.flatInputs(), n);
        double[] y = LaplaceSetup.targets(d);

        List<Object[]> jobs = new ArrayList<>();
        for (String e : estimators) {
            for (int m : batchSizes) {
                for (String p : partitions) {
                    jobs.add(new Object[] {e, Math.min(m, n), p});
                }
            }
        }
        CsvTable table = new CsvTable(List.of("estimator", "certified", "partition", "batch_size", "prior_precision",
                "log_marglik_mean", "log_marglik_se", "repetitions", "exact", "slack", "seconds"));
        RunDirectory dir = runDirectory(outDir(), overwrite, parent.err);
        try (ProgressBar bar = quiet ? null : new ProgressBarBuilder().setTaskName("bounds").setInitialMax(jobs.size() + 1)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(parent.err, 120)).build()) {
            long t0 = System.nanoTime();
            double[] exact = evaluateGrid(Laplace.marginalLikelihood(lin, y, lik, Prior.scalar(1.0), "exact"),
                    Partition.contiguous(n, n), deltas);
            double exactSeconds = (System.nanoTime() - t0) / 1e9;
            for (int i = 0; i < deltas.length; i++) {
                table.add("exact", true, "all", n, deltas[i], exact[i], 0.0, 1, exact[i], 0.0, exactSeconds);
            }
            step(bar, "exact");
            for (Object[] job : jobs) {
                String e = (String) job[0];
                int m = (Integer) job[1];
                String p = (String) job[2];
                MarginalLikelihood<?> ml = Laplace.marginalLikelihood(lin, y, lik, Prior.scalar(1.0), Estimators.byName(e, seed));
                boolean certified = ml.estimator().isCertifiedBound();
                int reps = p.equals("contiguous") ? 1 : repetitions;
                double[][] values = new double[reps][];
                double seconds = 0;
                for (int r = 0; r < reps; r++) {
                    long t = System.nanoTime();
                    Partition part = LaplaceSetup.partition(p, d, m, seed + r);
                    values[r] = evaluateGrid(ml, part, deltas);
                    seconds += (System.nanoTime() - t) / 1e9;
                }
                for (int i = 0; i < deltas.length; i++) {
                    double mean = 0;
                    for (double[] v : values) {
                        mean += v[i];
                    }
                    mean /= reps;
                    double var = 0;
                    for (double[] v : values) {
                        var += (v[i] - mean) * (v[i] - mean);
                    }
                    double se = reps > 1 ? Math.sqrt(var / (reps - 1) / reps) : 0.0;
                    table.add(e, certified, p, m, deltas[i], mean, se, reps, exact[i], exact[i] - mean, seconds / reps);
                }
                step(bar, e + " M=" + m + " " + p);
            }
        } catch (RuntimeException ex) {
            dir.abandon();
            throw ex;
        }
        dir.writeString("bounds.csv", table.render());
        writePlots(dir, table, deltas);
        dir.commit();
        if (json) {
            stdout.println(Json.pretty(rowsAsJson(table)));
        } else if (!quiet) {
            stdout.println("wrote " + dir.target().resolve("bounds.csv") + " (" + table.rows().size() + " rows) and plots");
        }
        stdout.flush();
        return ExitCodes.OK;
    }

    /**
     * The largest of the grid's jobs must fit the heap. The grid streams its batches (one batch's
     * statistics at a time, whatever the number of batches), under the scalar prior of the grid.
     */
    private void requireMemory(Sequential net, Dataset d, int n) {
        MemoryPlanner.Shapes s = MemoryPlanner.shapes(net, n, d.features());
        org.jlaplace.bench.memory.MemoryEstimate worst = MemoryPlanner.batch(MemoryPlanner.base(s), s,
                Estimators.exact(), PriorStructure.SCALAR, n);
        String what = "bounds: the exact value";
        for (String e : estimators) {
            BoundEstimator<?> estimator = Estimators.byName(e);
            for (int m : batchSizes) {
                int batch = Math.min(m, n);
                org.jlaplace.bench.memory.MemoryEstimate job = MemoryPlanner.batch(MemoryPlanner.base(s), s,
                        estimator, PriorStructure.SCALAR, batch);
                if (job.total() > worst.total()) {
                    worst = job;
                    what = "bounds: --estimators " + e + " with batch size " + batch;
                }
            }
        }
        MemoryPlanner.require(worst, what);
    }

    private void validate() {
        if (maxData != null && maxData < 1) {
            throw new BadInputException("--max-data " + maxData + ": must be at least 1");
        }
        if (repetitions < 1) {
            throw new BadInputException("--repetitions " + repetitions + ": must be at least 1");
        }
        if (grid.size() != 3 || !(grid.get(0) < grid.get(1)) || grid.get(2) < 1 || grid.get(2) != Math.rint(grid.get(2))) {
            throw new BadInputException("--grid " + grid + ": expected LO,HI,K with LO < HI and an integer K >= 1");
        }
        if (grid.get(2) > MAX_GRID_POINTS || !Double.isFinite(grid.get(0)) || !Double.isFinite(grid.get(1))) {
            throw new BadInputException("--grid " + grid + ": LO and HI must be finite and K at most " + MAX_GRID_POINTS);
        }
        for (String e : estimators) {
            if (!EstimatorOptions.ESTIMATORS.contains(e) || Estimators.byName(e).requiresWholeData()) {
                throw new BadInputException("--estimators: '" + e + "' is not one of "
                        + String.join(", ", EstimatorOptions.ESTIMATORS.stream()
                                .filter(x -> !Estimators.byName(x).requiresWholeData()).toList()));
            }
        }
        for (int m : batchSizes) {
            if (m < 1) {
                throw new BadInputException("--batch-sizes: " + m + " must be at least 1");
            }
        }
        for (String p : partitions) {
            if (!EstimatorOptions.PARTITIONS.contains(p)) {
                throw new BadInputException("--partitions: '" + p + "' is not one of contiguous, random, grouped");
            }
        }
        if (sigma != null) {
            PriorOptions.positive("--sigma", sigma);
        }
    }

    /** σ learned by the marglik run in {@code --run}, if any, else 1. */
    private double runSigma() {
        if (run == null) {
            return 1.0;
        }
        try {
            Object s = ((Map<?, ?>) Json.parse(Files.readString(run.resolve("summary.json")))).get("sigma");
            return s instanceof Number ? ((Number) s).doubleValue() : 1.0;
        } catch (java.io.IOException | RuntimeException e) {
            return 1.0;
        }
    }

    /** The bound at every {@code δ} of the grid, one batch in memory at a time. */
    private static double[] evaluateGrid(MarginalLikelihood<?> ml, Partition part, double[] deltas) {
        List<Prior> priors = new ArrayList<>(deltas.length);
        for (double delta : deltas) {
            priors.add(Prior.scalar(delta));
        }
        List<BoundValue> values = ml.partitionBounds(part, priors);
        double[] v = new double[deltas.length];
        for (int i = 0; i < deltas.length; i++) {
            v[i] = values.get(i).logMarglik();
        }
        return v;
    }

    /** {@code k} values {@code 10^lo .. 10^hi}, equally spaced in log. */
    static double[] logspace(double lo, double hi, int k) {
        double[] d = new double[k];
        for (int i = 0; i < k; i++) {
            d[i] = Math.pow(10, k == 1 ? lo : lo + (hi - lo) * i / (k - 1));
        }
        return d;
    }

    private static void step(ProgressBar bar, String what) {
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(" " + what);
        }
    }

    private Path outDir() {
        if (out != null) {
            return out;
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path p = Path.of("runs", "bounds-" + stamp);
        for (int i = 2; Files.exists(p); i++) {
            p = Path.of("runs", "bounds-" + stamp + "-" + i);
        }
        return p;
    }

    private static void writePlots(RunDirectory dir, CsvTable t, double[] deltas) {
        Map<Integer, Plots.Figure> perM = new LinkedHashMap<>();
        Map<String, List<double[]>> slack = new LinkedHashMap<>();
        double[] exact = new double[deltas.length];
        List<Object[]> rows = t.rows();
        for (Object[] r : rows) {
            if (r[0].equals("exact")) {
                exact[indexOf(deltas, (Double) r[4])] = (Double) r[5];
            }
        }
        int best = 0;
        for (int i = 1; i < exact.length; i++) {
            if (exact[i] > exact[best]) {
                best = i;
            }
        }
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (Object[] r : rows) {
            if (r[0].equals("exact")) {
                continue;
            }
            String key = r[0] + " " + r[2] + " M=" + r[3];
            double[][] s = series.computeIfAbsent(key, k -> new double[][] {new double[deltas.length], new double[deltas.length]});
            int i = indexOf(deltas, (Double) r[4]);
            s[0][i] = (Double) r[5];
            s[1][i] = (Double) r[6];
            if (i == best) {
                slack.computeIfAbsent(r[0] + " " + r[2], k -> new ArrayList<>())
                        .add(new double[] {(Double) r[10], (Double) r[9]});
            }
        }
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            int m = Integer.parseInt(e.getKey().substring(e.getKey().lastIndexOf('=') + 1));
            double top = exact[best];
            Plots.Figure f = perM.computeIfAbsent(m, k -> Plots.figure("Bounds vs prior precision, M = " + k,
                    "prior precision δ", "log marginal likelihood").logX().line("exact", deltas, exact)
                    // The log prior at a fixed θ* falls steeply for large δ; show the region around the optimum.
                    .yRange(top - 4 * Math.max(1.0, Math.abs(top)), top + 0.25 * Math.max(1.0, Math.abs(top))));
            String label = e.getKey().substring(0, e.getKey().lastIndexOf(" M="));
            f.lineWithErrors(label, deltas, e.getValue()[0], e.getValue()[1]);
        }
        for (Map.Entry<Integer, Plots.Figure> e : perM.entrySet()) {
            e.getValue().save(dir, "bounds_vs_prior_M" + e.getKey() + ".png");
        }
        Plots.Figure f = Plots.figure(String.format(Locale.ROOT, "Slack at δ = %.3g (the exact optimum on the grid)", deltas[best]),
                "seconds per bound", "exact − bound").logX();
        for (Map.Entry<String, List<double[]>> e : slack.entrySet()) {
            double[] x = e.getValue().stream().mapToDouble(v -> v[0]).toArray();
            double[] yv = e.getValue().stream().mapToDouble(v -> v[1]).toArray();
            f.scatter(e.getKey(), x, yv);
        }
        f.save(dir, "slack_vs_time.png");
    }

    private static int indexOf(double[] a, double v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        throw new IllegalStateException("grid value " + v + " not in " + Arrays.toString(a));
    }

    private static List<Map<String, Object>> rowsAsJson(CsvTable t) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object[] r : t.rows()) {
            Map<String, Object> o = Json.object();
            for (int j = 0; j < r.length; j++) {
                o.put(t.columns().get(j), r[j]);
            }
            out.add(o);
        }
        return out;
    }
}
