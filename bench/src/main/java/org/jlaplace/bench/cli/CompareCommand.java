package org.jlaplace.bench.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.bench.compare.ComparisonReport;
import org.jlaplace.bench.compare.RunOutcome;
import org.jlaplace.bench.compare.Strategy;
import org.jlaplace.bench.data.Dataset;
import org.jlaplace.bench.data.Task;
import org.jlaplace.bench.data.TrainTestSplit;
import org.jlaplace.bench.report.Json;
import org.jlaplace.bench.report.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code jlaplace compare}: one {@code jlaplace marglik} run per hyperparameter strategy, on the
 * same data, split, network initialisation, seed and training budget, each writing its usual
 * report under {@code runs/<strategy>/}; then {@code comparison.csv}, {@code comparison.png},
 * {@code pareto.png} and a summary table. Every run goes through the one marginal-likelihood
 * optimiser of the laplace module (via {@link MarglikCommand}); the options shared by all runs are
 * passed on to each as they were written. A run that fails is reported as failed and the others
 * still run; the output directory appears only when the comparison is written.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train the same network once per hyperparameter strategy and compare test performance against wall time.",
            "Strategies: fixed, kron-full, parametric-full, kernel:M, outputwise:M, parametric:M (the last three optionally :grouped or :random).",
            "Writes runs/<strategy>/ (each run's marglik report), comparison.csv, comparison.png and pareto.png.",
            "Exit status 0 when every strategy completed (or was skipped), 1 when one failed, 2 on bad input."})
public final class CompareCommand implements Callable<Integer> {
    /** The strategies run when {@code --strategies} is not given. */
    static final String DEFAULT_STRATEGIES = "fixed,kron-full,kernel:100";

    @ParentCommand
    JlaplaceCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--strategies", paramLabel = "S", split = ",", splitSynopsisLabel = ",", defaultValue = DEFAULT_STRATEGIES,
            description = "Strategies to compare, in order (default: ${DEFAULT-VALUE}).")
    List<String> strategies;

    @Option(names = "--max-full-parameters", paramLabel = "P", defaultValue = "6000",
            description = "parametric-full runs only for networks of at most P parameters (its hyper-step factors a P×P matrix; default: ${DEFAULT-VALUE}).")
    int maxFullParameters;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    PriorOptions prior = new PriorOptions();

    @Option(names = "--test-fraction", paramLabel = "F", description = "As marglik: held-out fraction of a random split (default 0.2).")
    Double testFraction;

    @Option(names = "--split-seed", paramLabel = "S", description = "As marglik: seed of the train/test split (default 0).")
    Long splitSeed;

    @Option(names = "--seed", paramLabel = "S", description = "As marglik: seed of initialisation, minibatches and bound batches (default 0).")
    String seed;

    @Option(names = "--epochs", paramLabel = "E", description = "As marglik: epochs of every run (default 50).")
    String epochs;

    @Option(names = "--train-batch-size", paramLabel = "B", description = "As marglik.")
    String trainBatchSize;

    @Option(names = "--optimizer", paramLabel = "adam|sgd", description = "As marglik.")
    String optimizer;

    @Option(names = "--lr", paramLabel = "LR", description = "As marglik.")
    String lr;

    @Option(names = "--momentum", paramLabel = "M", description = "As marglik.")
    String momentum;

    @Option(names = "--schedule", paramLabel = "cosine|exponential|constant", description = "As marglik.")
    String schedule;

    @Option(names = "--lr-min", paramLabel = "LR", description = "As marglik.")
    String lrMin;

    @Option(names = "--lr-decay", paramLabel = "G", description = "As marglik.")
    String lrDecay;

    @Option(names = "--hyper-steps", paramLabel = "K", description = "As marglik: hyper-steps per round (default 10).")
    String hyperSteps;

    @Option(names = "--hyper-lr", paramLabel = "LR", description = "As marglik.")
    String hyperLr;

    @Option(names = "--marglik-frequency", paramLabel = "F", description = "As marglik: a round every F epochs (default 5).")
    String marglikFrequency;

    @Option(names = "--burn-in", paramLabel = "B", description = "As marglik: epochs before the first round (default 10).")
    String burnIn;

    @Option(names = "--laplace-predictive", paramLabel = "auto|full|kron|diag|off", description = "As marglik.")
    String laplacePredictive;

    @Option(names = "--eval-train", description = "As marglik.")
    boolean evalTrain;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/compare-<timestamp>).")
    Path out;

    @Option(names = "--overwrite", description = "Replace an existing --out directory.")
    boolean overwrite;

    @Option(names = "--quiet", description = "No progress bars and no table.")
    boolean quiet;

    @Option(names = "--json", description = "Print the summary as one JSON object on standard output.")
    boolean json;

    /** Options of compare itself, not passed on to the runs. */
    private static final Set<String> OWN = Set.of("--strategies", "--max-full-parameters", "--out", "--overwrite", "--quiet",
            "--json", "--help", "--version");

    /** Options a {@code fixed} run must not get (it takes its δ from {@code --fixed-prior}). */
    private static final Set<String> PRIOR_LEARNING = Set.of("--prior-precision", "--prior-precisions", "--prior-structure");

    @Override
    public Integer call() {
        List<Strategy> plan = parseStrategies();
        if (maxFullParameters < 1) {
            throw new BadInputException("--max-full-parameters " + maxFullParameters + ": must be at least 1");
        }
        // Read the data and build the network once here: bad data or models exit 2 before anything runs,
        // and N and P decide the full-data strategies.
        Dataset all = data.loadTraining("digits", 1.0 / 16, 0);
        TrainTestSplit split = data.split(all, testFraction != null ? testFraction : 0.2, splitSeed != null ? splitSeed : 0);
        Dataset train = split.train();
        String defaultSpec = "mlp:" + MarglikCommand.DEFAULT_MODEL_HIDDEN + "-" + all.outputs() + ":tanh";
        Sequential net = ModelLoading.load(model, train, false, defaultSpec, 0);
        String defaultPartition = all.task() == Task.CLASSIFICATION ? "grouped" : "random";
        if (prior.priorStructure != null && prior.priorStructure.equalsIgnoreCase("diagonal")
                && plan.stream().anyMatch(s -> s.kind().equals("kron-full"))) {
            throw new BadInputException("--strategies kron-full needs --prior-structure scalar or layerwise (KFAC has no diagonal prior)");
        }
        double fixedPrecision = prior.priorPrecision != null ? prior.priorPrecision : 1.0;
        List<List<String>> shared = sharedOptions();

        RunDirectory dir = ModelLoading.runDirectory(outDir(), overwrite, parent.err);
        List<RunOutcome> outcomes = new ArrayList<>();
        dir.commitOnInterrupt(() -> writeComparison(dir, withInterrupted(outcomes, plan)));
        try {
            for (int i = 0; i < plan.size(); i++) {
                Strategy s = plan.get(i);
                if (s.kind().equals("parametric-full") && net.numParameters() > maxFullParameters) {
                    outcomes.add(RunOutcome.without(s, "skipped", "the network has " + net.numParameters()
                            + " parameters, more than --max-full-parameters " + maxFullParameters));
                    continue;
                }
                outcomes.add(run(s, i, plan.size(), shared, train.size(), fixedPrecision, defaultPartition,
                        dir.staging().resolve("runs")));
            }
            if (outcomes.stream().allMatch(o -> o.status().equals("bad input"))) {
                throw new BadInputException(outcomes.get(0).message());
            }
            writeComparison(dir, outcomes);
            dir.commit();
        } catch (RuntimeException e) {
            dir.abandon();
            throw e;
        }
        ComparisonReport report = new ComparisonReport(outcomes);
        PrintStream stdout = parent.out;
        if (json) {
            stdout.println(Json.pretty(report.json(dir.target().toString())));
        } else if (!quiet) {
            stdout.print(report.render());
            stdout.println("output: " + dir.target());
        }
        stdout.flush();
        boolean allFine = outcomes.stream().allMatch(o -> o.status().equals("completed") || o.status().equals("skipped"));
        return allFine ? ExitCodes.OK : ExitCodes.INTERNAL;
    }

    private List<Strategy> parseStrategies() {
        List<Strategy> plan = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String text : strategies) {
            Strategy s;
            try {
                s = Strategy.parse(text);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--strategies " + e.getMessage());
            }
            if (!seen.add(s.spec())) {
                throw new BadInputException("--strategies: '" + text + "' is listed twice");
            }
            plan.add(s);
        }
        if (plan.isEmpty()) {
            throw new BadInputException("--strategies: no strategy given");
        }
        return plan;
    }

    /**
     * The options the user wrote that every run shares, each with its value as written (compare's
     * own options left out).
     */
    private List<List<String>> sharedOptions() {
        List<List<String>> args = new ArrayList<>();
        for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            if (OWN.contains(o.longestName())) {
                continue;
            }
            if (o.arity().max() == 0) {
                args.add(List.of(o.longestName()));
                continue;
            }
            for (String v : o.originalStringValues()) {
                args.add(List.of(o.longestName(), v));
            }
        }
        return args;
    }

    /** Runs one strategy through {@code jlaplace marglik} in this JVM; its report goes to {@code runs/<slug>}. */
    private RunOutcome run(Strategy s, int index, int count, List<List<String>> shared, int n, double fixedPrecision,
                           String defaultPartition, Path runs) {
        List<String> args = new ArrayList<>(List.of("marglik"));
        for (List<String> option : shared) {
            if (s.learnsPrior() || !PRIOR_LEARNING.contains(option.get(0))) {
                args.addAll(option);
            }
        }
        args.addAll(s.marglikOptions(n, fixedPrecision, defaultPartition));
        Path target = runs.resolve(s.slug());
        args.addAll(List.of("--out", target.toString(), "--json", "--progress-label", progressLabel(s, index, count)));
        if (quiet) {
            args.add("--quiet");
        }
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        PrintStream runOut = new PrintStream(captured, true, StandardCharsets.UTF_8);
        PrintStream runErr = new PrintStream(new Tee(parent.err, errors), true, StandardCharsets.UTF_8);
        int code;
        try {
            code = Main.commandLine(runOut, runErr).execute(args.toArray(new String[0]));
        } catch (OutOfMemoryError e) {
            return RunOutcome.without(s, "failed", "out of memory (raise -Xmx through JLAPLACE_JAVA_OPTS)");
        } catch (RuntimeException | StackOverflowError e) {
            return RunOutcome.without(s, "failed", e.toString());
        }
        String message = lastLine(errors.toString(StandardCharsets.UTF_8));
        if (code == ExitCodes.BAD_INPUT) {
            return RunOutcome.without(s, "bad input", message);
        }
        if (code != ExitCodes.OK || !Files.isRegularFile(target.resolve("summary.json"))) {
            return RunOutcome.without(s, "failed", message.isEmpty() ? "exit status " + code : message);
        }
        try {
            return RunOutcome.read(s, target);
        } catch (IOException | RuntimeException e) {
            return RunOutcome.without(s, "failed", "its report cannot be read: " + e.getMessage());
        }
    }

    /** The run's bar label: the overall progress as a small bar, then the strategy. */
    private static String progressLabel(Strategy s, int index, int count) {
        int width = Math.min(count, 10);
        int filled = index * width / count;
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "] run " + (index + 1) + "/" + count + " " + s.spec();
    }

    private static List<RunOutcome> withInterrupted(List<RunOutcome> done, List<Strategy> plan) {
        List<RunOutcome> out = new ArrayList<>(done);
        for (int i = done.size(); i < plan.size(); i++) {
            out.add(RunOutcome.without(plan.get(i), "interrupted", "not finished when compare was interrupted"));
        }
        return out;
    }

    private static void writeComparison(RunDirectory dir, List<RunOutcome> outcomes) {
        new ComparisonReport(outcomes).write(dir);
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            String l = lines[i].strip();
            // Progress-bar redraws end with carriage returns; error messages start with "jlaplace".
            if (l.startsWith("jlaplace")) {
                return l;
            }
        }
        return "";
    }

    private Path outDir() {
        if (out != null) {
            return out;
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path p = Path.of("runs", "compare-" + stamp);
        for (int i = 2; Files.exists(p); i++) {
            p = Path.of("runs", "compare-" + stamp + "-" + i);
        }
        return p;
    }

    /** Writes to two streams: the console (progress bars, messages) and a buffer (for the failure message). */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }
}
