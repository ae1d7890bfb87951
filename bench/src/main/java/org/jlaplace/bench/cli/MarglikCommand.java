package org.jlaplace.bench.cli;

import static org.jlaplace.bench.cli.ModelLoading.runDirectory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jlaplace.autodiff.augment.AffineGenerator;
import org.jlaplace.autodiff.nn.Dtype;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.bench.data.Dataset;
import org.jlaplace.bench.data.Task;
import org.jlaplace.bench.data.TrainTestSplit;
import org.jlaplace.bench.marglik.EpochRecord;
import org.jlaplace.bench.marglik.GlmTestLikelihood;
import org.jlaplace.bench.marglik.MarglikReport;
import org.jlaplace.bench.marglik.MarglikRun;
import org.jlaplace.bench.marglik.RunCheckpoint;
import org.jlaplace.bench.report.Json;
import org.jlaplace.bench.report.RunDirectory;
import org.jlaplace.bench.report.TextTable;
import org.jlaplace.laplace.bound.Estimators;
import org.jlaplace.laplace.marglik.HyperStepReport;
import org.jlaplace.laplace.marglik.HyperStepSchedule;
import org.jlaplace.laplace.marglik.InvarianceLearning;
import org.jlaplace.laplace.marglik.MarglikConfig;
import org.jlaplace.laplace.marglik.MarglikResult;
import org.jlaplace.laplace.marglik.MarglikState;
import org.jlaplace.laplace.marglik.NetworkOptimizer;
import org.jlaplace.laplace.marglik.RateSchedule;
import org.jlaplace.laplace.partition.PartitionScheme;
import org.jlaplace.laplace.predictive.Link;
import org.jlaplace.laplace.predictive.PosteriorStructure;
import org.jlaplace.laplace.prior.Prior;
import org.jlaplace.laplace.prior.PriorStructure;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code jlaplace marglik}: train a network while optimising its prior precisions (and σ) by a
 * stochastic bound on the linearized-Laplace marginal likelihood. Without arguments: the embedded
 * digits (pixels/16), a fixed seeded 80/20 split, {@value #DEFAULT_MODEL_HIDDEN}-unit tanh MLP.
 */
@Command(name = "marglik", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a network and learn its prior precisions (and noise σ) by the marginal likelihood (Immer et al. 2021/2023).",
            "Defaults: embedded digits (pixels/16), seeded 80/20 split, MLP 64-" + MarglikCommand.DEFAULT_MODEL_HIDDEN
                + "-10 tanh, Adam with cosine schedule, layerwise prior learned with the stochastic kernel bound (M=100;"
                + " batches of one class for classification, random batches for regression).",
            InvarianceDefaults.HELP})
public final class MarglikCommand implements Callable<Integer> {
    /** Batches averaged for the final marginal-likelihood estimate in summary.json. */
    static final int FINAL_ESTIMATE_BATCHES = 3;

    /** Largest network for which {@code --laplace-predictive auto} factors the full posterior. */
    static final int LAPLACE_PREDICTIVE_MAX_PARAMETERS = GlmTestLikelihood.FULL_PREDICTIVE_MAX_PARAMETERS;

    /** The values of {@code --laplace-predictive}; {@code on} is kept as an alias of {@code auto}. */
    static final List<String> LAPLACE_PREDICTIVE_VALUES = List.of("auto", "full", "kron", "diag", "off", "on");

    /** The options of {@code jlaplace marglik} that may accompany {@code --resume}. */
    private static final Set<String> RESUME_OPTIONS = Set.of("--resume", "--epochs", "--quiet", "--json");

    /** The options that say where and how to print, not what to compute: left out of the checkpoint. */
    private static final Set<String> OUTPUT_OPTIONS = Set.of("--out", "--overwrite", "--resume", "--epochs", "--quiet", "--json");

    /** Augmentation samples per input with --invariance. */
    static final int DEFAULT_AUG_SAMPLES = 10;

    /**
     * Hidden width of the default MLP: small enough (2410 parameters) that the linearised-Laplace
     * predictive's full posterior is factored within the default run's time budget.
     */
    static final int DEFAULT_MODEL_HIDDEN = 32;

    @ParentCommand
    JlaplaceCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--test-fraction", defaultValue = "0.2", description = "Held-out fraction (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--split-seed", defaultValue = "0", description = "Seed of the train/test split (default: ${DEFAULT-VALUE}).")
    long splitSeed;

    @Option(names = "--epochs", defaultValue = "50", description = "Training epochs (default: ${DEFAULT-VALUE}; with --invariance: " + InvarianceDefaults.EPOCHS + ").")
    int epochs;

    @Option(names = "--train-batch-size", defaultValue = "64", description = "Minibatch size of the network optimiser (default: ${DEFAULT-VALUE}).")
    int trainBatchSize;

    @Option(names = "--optimizer", defaultValue = "adam", paramLabel = "adam|sgd", description = "Network optimiser (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", defaultValue = "0.003", description = "Initial network learning rate (default: ${DEFAULT-VALUE}; with --invariance: " + InvarianceDefaults.LEARNING_RATE + ").")
    double lr;

    @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--schedule", defaultValue = "cosine", paramLabel = "cosine|exponential|constant",
            description = "Learning-rate schedule (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--lr-min", defaultValue = "1e-5", description = "Final rate of the cosine schedule (default: ${DEFAULT-VALUE}).")
    double lrMin;

    @Option(names = "--lr-decay", defaultValue = "0.95", description = "Per-epoch factor of the exponential schedule (default: ${DEFAULT-VALUE}).")
    double lrDecay;

    @Mixin
    PriorOptions prior = new PriorOptions();

    @Option(names = "--fixed-prior", paramLabel = "D",
            description = "Train with a fixed scalar prior precision D (and fixed σ): no hyperparameter learning.")
    Double fixedPrior;

    @Mixin
    EstimatorOptions estimator = new EstimatorOptions();

    @Option(names = "--hyper-steps", defaultValue = "10", paramLabel = "K", description = "Adam steps on the hyperparameters per update (default: ${DEFAULT-VALUE}; with --invariance: " + InvarianceDefaults.HYPER_STEPS + ").")
    int hyperSteps;

    @Option(names = "--hyper-lr", defaultValue = "0.1", description = "Adam rate of the hyperparameter steps (default: ${DEFAULT-VALUE}).")
    double hyperLr;

    @Option(names = "--marglik-frequency", defaultValue = "5", paramLabel = "F", description = "Epochs between hyperparameter updates (default: ${DEFAULT-VALUE}; with --invariance: " + InvarianceDefaults.FREQUENCY + ").")
    int frequency;

    @Option(names = "--burn-in", defaultValue = "10", paramLabel = "B", description = "Epochs before the first update (default: ${DEFAULT-VALUE}; with --invariance: " + InvarianceDefaults.BURN_IN + ").")
    int burnIn;

    @Option(names = "--invariance", paramLabel = "T[,T...]",
            description = "Learn augmentation extents of these image transforms with the bound (Immer et al. 2022): rotation, translation (= translation_x,translation_y), translation_x, translation_y, scale, shear.")
    String invariance;

    @Option(names = "--aug-samples", paramLabel = "S", defaultValue = "" + DEFAULT_AUG_SAMPLES,
            description = "With --invariance: augmentation samples per input in training and in the bound; test metrics average max(S, "
                + MarglikRun.EVALUATION_SAMPLES + ") samples (default: ${DEFAULT-VALUE}).")
    int augSamples;

    @Option(names = "--aug-lr", defaultValue = "0.1",
            description = "With --invariance: Adam rate of the extents (through η = softplus(ρ)) (default: ${DEFAULT-VALUE}).")
    double augLr;

    @Option(names = "--aug-init", defaultValue = "0.1",
            description = "With --invariance: initial extent η of every transform (default: ${DEFAULT-VALUE}).")
    double augInit;

    @Option(names = "--laplace-predictive", paramLabel = "auto|full|kron|diag|off", defaultValue = "auto",
            description = "Posterior of the linearised-Laplace (GLM, probit) predictive whose test log-likelihood is reported at the end: full (P0 + H), kron (KFAC, scalar or layerwise prior), diag (diagonal GGN) or off; auto (alias on): full up to "
                + MarglikCommand.LAPLACE_PREDICTIVE_MAX_PARAMETERS + " parameters, else kron, or diag with a diagonal prior (default: ${DEFAULT-VALUE}).")
    String laplacePredictive;

    @Mixin
    PredictiveOptions predictiveOptions = new PredictiveOptions();

    @Mixin
    DtypeOption dtypeOption = new DtypeOption();

    @Option(names = "--eval-train",
            description = "Score the whole training set after every epoch for train_accuracy/train_rmse; without it they are the running statistics of the epoch's minibatches (taken before each step), which cost nothing.")
    boolean evalTrain;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/marglik-<timestamp>); must not exist unless --overwrite.")
    Path out;

    @Option(names = "--overwrite", description = "Replace an existing --out directory (only once the new run is complete or interrupted).")
    boolean overwrite;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the run in DIR from its last checkpoint (checkpoint.bin, written after every epoch; after kill -9 the one left in its staging directory), with the run's own settings; only --epochs, --quiet and --json may be given. The result is bitwise that of the uninterrupted run. --epochs beyond the run's own extends it, except with --schedule cosine, whose rates depend on the total.")
    Path resume;

    @Option(names = "--quiet", description = "No progress bar and no summary table.")
    boolean quiet;

    /** The progress bar's label; {@code jlaplace compare} names its run and the overall progress there. */
    @Option(names = "--progress-label", hidden = true, defaultValue = "marglik")
    String progressLabel;

    @Option(names = "--json", description = "Print summary.json on standard output at the end.")
    boolean json;

    /** The checkpoint this instance continues (set by {@link #resumed()}, not an option). */
    private RunCheckpoint resumeFrom;

    @Override
    public Integer call() {
        if (resume != null && resumeFrom == null) {
            return resumed();
        }
        PrintStream stdout = parent.out;
        PrintStream stderr = parent.err;
        if (invariance != null) {
            invarianceChecks();
            InvarianceDefaults.applyTo(this, spec.commandLine().getParseResult());
        }
        checkOptions();
        Dataset all = data.loadTraining("digits", 1.0 / 16, estimator.seed);
        Task task = all.task();
        PartitionScheme partition = PartitionScheme.parse(estimator.partitionName(defaultPartition(task)));
        prior.validate(task, false);
        if (fixedPrior != null) {
            PriorOptions.positive("--fixed-prior", fixedPrior);
            if (prior.priorPrecision != null || prior.priorPrecisions != null) {
                throw new BadInputException("--fixed-prior D replaces --prior-precision/--prior-precisions; give only one");
            }
        }
        if (partition == PartitionScheme.GROUPED && task != Task.CLASSIFICATION) {
            throw new BadInputException("--partition grouped needs classification data (it groups batches by class)");
        }
        TrainTestSplit split = data.split(all, testFraction, splitSeed);
        Dataset[] parts = data.standardized(split.train(), split.train(), split.test());
        String defaultSpec = "mlp:" + DEFAULT_MODEL_HIDDEN + "-" + all.outputs() + ":tanh";
        Sequential net = ModelLoading.load(model, parts[0], false, defaultSpec, estimator.seed);
        Dataset train = EvidenceCommand.fit(parts[0], net);
        Dataset test = EvidenceCommand.fit(parts[1], net);
        checkFullPredictiveFits(net, train);
        PriorStructure structure = fixedPrior != null ? PriorStructure.SCALAR : prior.structureOr(PriorStructure.LAYERWISE);
        String[] groupNames = LaplaceSetup.groupNames(net);
        double[] precisions = fixedPrior != null ? new double[] {fixedPrior}
                : prior.precisions(structure, groupNames, net.numParameters());
        Prior p0 = LaplaceSetup.prior(structure, precisions);
        String est = estimator.estimatorName("kernel");
        requireMemory(net, train, est, structure, estimator.batchSize == null ? 100 : estimator.batchSize);
        NumericalChecks.requireUsable(net, train, "marglik (the initial network on the training data)", dtype());
        EstimatorOptions.requireSupport(Estimators.byName(est), structure, task);
        String[] hyperNames = structure == PriorStructure.SCALAR ? new String[] {"all"}
                : structure == PriorStructure.LAYERWISE ? groupNames : indexNames(net.numParameters());
        List<AffineGenerator> generators = invariance == null ? List.of() : generators(train);
        MarglikConfig settings = marglikConfig(est, partition, generators, train);

        if (resumeFrom != null) {
            checkFits(resumeFrom.state(), net, p0, task);
        }
        RunDirectory dir = runDirectory(outDir(), overwrite, parent.err);
        Map<String, Object> config = config(settings, all, train, test, net, structure, defaultSpec);
        if (invariance != null) {
            config.put("invariance", MarglikRun.extentColumns(generators));
            config.put("aug_samples", augSamples);
            config.put("aug_lr", augLr);
            config.put("aug_init", augInit);
        }
        MarglikReport report = new MarglikReport(dir, task, hyperNames, MarglikRun.extentColumns(generators), config);
        MarglikState from = resumeFrom == null ? null : resumeFrom.state();
        if (from != null) {
            try {
                report.restore(resumeFrom.metricsCsv(), resumeFrom.hyperCsv(), from.seconds());
            } catch (IllegalArgumentException e) {
                dir.abandon();
                throw new BadInputException("--resume " + resume + ": " + e.getMessage());
            }
            // Creating the run directory removed a dead run's staging directory: keep its checkpoint
            // in the new one at once, so a kill before the next epoch still leaves it.
            dir.write(RunCheckpoint.FILE, resumeFrom::write);
        }
        dir.commitOnInterrupt(report::settleWrites, report::markInterrupted);
        MarglikRun run = new MarglikRun(net, train, test, settings, p0, prior.sigmaOrDefault(), prior.temperature,
                evalTrain);
        List<String> args = settingsArgs();
        Map<String, Object> summary;
        int[] epochsDone = {from == null ? 0 : from.epochsDone()};
        try (ProgressBar bar = quiet ? null : progressBar(stderr, progressLabel, settings.epochs() + settings.totalHyperSteps())) {
            if (bar != null && from != null) {
                bar.stepTo(from.epochsDone() + from.hyperStepsDone());
            }
            MarglikResult result = run.run(new MarglikRun.Listener() {
                @Override
                public void hyperStep(HyperStepReport h) {
                    report.hyperStep(h.step(), h.estimate(), h.priorPrecisions(), h.sigma(), h.extents(), h.stepSeconds());
                    advance(bar, String.format(Locale.ROOT, " hyper-step %d/%d  L̂ %.4g", h.step(), h.total(), h.estimate()));
                }

                @Override
                public void epoch(EpochRecord r, MarglikState state) {
                    report.epoch(r, net, (metrics, steps) -> new RunCheckpoint(args, settings.epochs(), metrics, steps, state));
                    epochsDone[0] = r.epoch();
                    advance(bar, epochMessage(r, settings.epochs(), task));
                }
            }, from);
            double finalEstimate = result.boundEstimate(FINAL_ESTIMATE_BATCHES, estimator.seed + 1);
            if (invariance != null) {
                summary = report.finish(finalEstimate, Double.NaN);
            } else {
                PosteriorStructure predictive = laplacePredictive(net, result.prior());
                long predictiveStart = System.nanoTime();
                double laplaceLl = predictive == null ? Double.NaN
                        : GlmTestLikelihood.of(net, train, test, result.likelihood(), result.prior(), predictive,
                                predictiveOptions.link(estimator.seed));
                double predictiveSeconds = predictive == null ? Double.NaN : (System.nanoTime() - predictiveStart) / 1e9;
                summary = report.finish(finalEstimate, laplaceLl, predictive == null ? "off" : predictive.cliName(),
                        predictiveSeconds);
            }
            dir.commit();
        } catch (RuntimeException e) {
            throw stopped(e, dir, report, epochsDone[0], settings.epochs());
        } catch (Error e) {
            // Out of memory: nothing half-written, and no interrupt hook left to commit the staging later.
            dir.abandon();
            throw e;
        }
        return printed(summary, dir, task, stdout);
    }

    /**
     * {@code --resume DIR}: finds the run's most advanced checkpoint, rebuilds the run from the
     * settings it records (with {@code --epochs}, {@code --quiet} and {@code --json} from this call)
     * and continues it into DIR.
     */
    private Integer resumed() {
        ParseResult parsed = spec.commandLine().getParseResult();
        for (OptionSpec o : parsed.matchedOptions()) {
            if (!RESUME_OPTIONS.contains(o.longestName())) {
                throw new BadInputException("--resume continues a run with its own settings; " + o.longestName()
                        + " cannot be given with it (only --epochs, --quiet, --json)");
            }
        }
        RunCheckpoint.Located found;
        try {
            found = RunCheckpoint.locate(resume);
        } catch (IOException e) {
            throw new BadInputException("--resume " + resume + ": " + e.getMessage());
        }
        RunCheckpoint cp = found.checkpoint();
        int done = cp.state().epochsDone();
        int total = parsed.hasMatchedOption("--epochs") ? epochs : cp.epochs();
        if (total <= done) {
            throw new BadInputException("--resume " + resume + ": the checkpoint in " + found.directory() + " is after epoch "
                    + done + (done == cp.epochs() ? ", the run's last" : "") + "; --epochs must be larger to continue (got "
                    + total + ")");
        }
        List<String> args = new ArrayList<>(List.of("marglik"));
        args.addAll(cp.args());
        args.addAll(List.of("--epochs", Integer.toString(total), "--out", resume.toString(), "--overwrite"));
        if (quiet) {
            args.add("--quiet");
        }
        if (json) {
            args.add("--json");
        }
        CommandLine cl = Main.commandLine(parent.out, parent.err);
        try {
            cl.parseArgs(args.toArray(new String[0]));
        } catch (ParameterException e) {
            throw new BadInputException("--resume " + resume + ": the run's settings no longer parse: " + e.getMessage());
        }
        MarglikCommand c = cl.getSubcommands().get("marglik").getCommand();
        if (total != cp.epochs() && c.schedule.equalsIgnoreCase("cosine")) {
            throw new BadInputException("--epochs " + total + ": the run has --schedule cosine, whose rates depend on the total"
                    + " number of epochs, so it cannot be extended beyond its " + cp.epochs() + " epochs");
        }
        c.resumeFrom = cp;
        return c.call();
    }

    /**
     * The options of this run that decide its result, as arguments that rebuild it: paths made
     * absolute, so a resume from another directory reads the same files.
     */
    private List<String> settingsArgs() {
        List<String> out = new ArrayList<>();
        for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            String name = o.longestName();
            if (OUTPUT_OPTIONS.contains(name)) {
                continue;
            }
            if (o.typeInfo().isBoolean()) {
                if (Boolean.TRUE.equals(o.getValue())) {
                    out.add(name);
                }
                continue;
            }
            boolean path = o.type() == Path.class || o.type() == java.io.File.class;
            for (String v : o.originalStringValues()) {
                out.add(name);
                out.add(path ? Path.of(v).toAbsolutePath().normalize().toString() : v);
            }
        }
        return out;
    }

    /** Refuses a checkpoint whose network or hyperparameters do not fit the rebuilt run (exit 2). */
    private void checkFits(MarglikState state, Sequential net, Prior p0, Task task) {
        int hyper = p0.size() + (task == Task.REGRESSION ? 1 : 0);
        if (state.parameters().length != net.numParameters() || state.hyper().length != hyper) {
            throw new BadInputException("--resume " + resume + ": the checkpoint holds " + state.parameters().length
                    + " parameters and " + state.hyper().length + " hyperparameters, the rebuilt run has "
                    + net.numParameters() + " and " + hyper);
        }
    }

    /**
     * Ends a run that failed: a numerical failure after complete epochs stops the run as an
     * interrupt does (the complete epochs are committed, marked interrupted) and is reported with
     * the epoch it happened in; anything else abandons the staged files.
     */
    private static RuntimeException stopped(RuntimeException e, RunDirectory dir, MarglikReport report, int epochsDone,
                                            int epochs) {
        Throwable numeric = Failures.numerical(e);
        if (numeric == null || e instanceof NumericalFailureException) {
            dir.abandon();
            return e;
        }
        String where = "marglik, epoch " + Math.min(epochsDone + 1, epochs) + " of " + epochs;
        if (epochsDone == 0) {
            dir.abandon();
            return new NumericalFailureException(where + ": " + numeric.getMessage() + "; nothing was written; "
                    + Failures.NUMERICAL_ADVICE);
        }
        report.settleWrites();
        report.markInterrupted();
        dir.commit();
        return new NumericalFailureException(where + ": " + numeric.getMessage() + "; the run was stopped as interrupted"
                + " and its " + epochsDone + " complete epoch(s) kept in " + dir.target() + "; " + Failures.NUMERICAL_ADVICE);
    }

    /** The progress bar's message after an epoch: loss, test metric and any learned extents. */
    private static String epochMessage(EpochRecord r, int epochs, Task task) {
        StringBuilder m = new StringBuilder(String.format(Locale.ROOT, " epoch %d/%d  loss %.4f  test %s %.4f", r.epoch(),
                epochs, r.trainLoss(), task == Task.CLASSIFICATION ? "acc" : "rmse", r.testMetric()));
        r.extents().forEach((k, v) -> m.append(String.format(Locale.ROOT, "  %s %.3f", k, v)));
        return m.toString();
    }

    /** Prints summary.json ({@code --json}) or the summary table (unless {@code --quiet}); returns the exit status. */
    private Integer printed(Map<String, Object> summary, RunDirectory dir, Task task, PrintStream stdout) {
        if (json) {
            stdout.println(Json.pretty(summary));
        } else if (!quiet) {
            stdout.print(summaryTable(summary, dir.target(), task));
        }
        stdout.flush();
        return ExitCodes.OK;
    }

    /** Options that --invariance does not use, rejected when given explicitly. */
    private void invarianceChecks() {
        if (dtype() != Dtype.FLOAT64) {
            throw new BadInputException("--invariance runs in float64 only; --dtype " + dtypeOption.name + " does not apply");
        }
        if (predictiveOptions.givenExplicitly()) {
            throw new BadInputException("--invariance reports no Laplace predictive; --link and --mc-samples do not apply");
        }
        for (String o : List.of("--momentum", "--lr-decay")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
                throw new BadInputException("--invariance trains with Adam (cosine or constant rate); " + o + " does not apply");
            }
        }
        if (estimator.partition != null && estimator.partition.equalsIgnoreCase("contiguous")) {
            throw new BadInputException("--invariance draws its bound batches from a random or grouped partition; --partition "
                + estimator.partition + " does not apply");
        }
        if (!optimizer.equalsIgnoreCase("adam")) {
            throw new BadInputException("--invariance trains with Adam; --optimizer " + optimizer + " does not apply");
        }
        if (!List.of("cosine", "constant").contains(schedule.toLowerCase(Locale.ROOT))) {
            throw new BadInputException("--invariance supports --schedule cosine or constant, not " + schedule);
        }
    }

    /** The transforms of --invariance, checked against the data and the other options. */
    private List<AffineGenerator> generators(Dataset train) {
        if (augSamples < 1) {
            throw new BadInputException("--aug-samples " + augSamples + ": must be at least 1");
        }
        PriorOptions.positive("--aug-lr", augLr);
        PriorOptions.positive("--aug-init", augInit);
        List<AffineGenerator> g;
        try {
            g = AffineGenerator.parseList(invariance);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--invariance: " + e.getMessage());
        }
        if (train.inputShape().length != 3) {
            throw new BadInputException("--invariance needs image data (inputs of shape C,H,W), but " + train.source()
                    + " has inputs of shape " + Arrays.toString(train.inputShape()));
        }
        if (fixedPrior != null) {
            throw new BadInputException("--invariance learns the prior with the extents; it cannot be combined with --fixed-prior");
        }
        String est = estimator.estimatorName("kernel");
        if (!est.equals("kernel") && !est.equals("outputwise")) {
            throw new BadInputException("--invariance supports --estimator kernel or outputwise, not " + est);
        }
        if (prior.temperature != 1.0) {
            throw new BadInputException("--invariance supports --temperature 1 only");
        }
        return g;
    }

    /** The library's settings from the checked options ({@code generators} empty: a plain network). */
    private MarglikConfig marglikConfig(String est, PartitionScheme partition, List<AffineGenerator> generators,
                                        Dataset train) {
        String sched = schedule.toLowerCase(Locale.ROOT);
        RateSchedule rate = sched.equals("cosine") ? new RateSchedule.Cosine(lrMin)
                : sched.equals("exponential") ? new RateSchedule.Exponential(lrDecay) : new RateSchedule.Constant();
        NetworkOptimizer opt = optimizer.equalsIgnoreCase("sgd") ? NetworkOptimizer.sgd(lr, momentum, rate)
                : NetworkOptimizer.adam(lr, rate);
        HyperStepSchedule hyper = fixedPrior != null ? HyperStepSchedule.never()
                : new HyperStepSchedule(burnIn, frequency, hyperSteps);
        try {
            return MarglikConfig.builder().epochs(epochs).batchSize(trainBatchSize).optimizer(opt).hyperSchedule(hyper)
                    .hyperLearningRate(hyperLr).estimator(est)
                    .boundBatchSize(estimator.batchSize == null ? 100 : estimator.batchSize).partition(partition)
                    .seed(estimator.seed).dtype(dtype())
                    .invariance(generators.isEmpty() ? null : new InvarianceLearning(generators, augSamples, true, augInit,
                            augLr, train.inputShape()))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** The structure of {@code --laplace-predictive}, or {@code null} for {@code off}. */
    private PosteriorStructure laplacePredictive(Sequential net, Prior learned) {
        switch (laplacePredictive.toLowerCase(Locale.ROOT)) {
            case "off": return null;
            case "auto":
            case "on": return GlmTestLikelihood.automaticStructure(net, learned);
            default: return PosteriorStructure.parse(laplacePredictive);
        }
    }

    /**
     * {@code --laplace-predictive full} factors {@code P0 + H} ({@code P×P}) or, when {@code N·C ≤ P},
     * {@code I + G} beside two {@code N·C×P} Jacobian copies: refuse before training when that alone
     * exceeds the JVM's heap, instead of failing with an OutOfMemoryError at the end.
     */
    private void checkFullPredictiveFits(Sequential net, Dataset train) {
        if (!laplacePredictive.equalsIgnoreCase("full")) {
            return;
        }
        double p = net.numParameters();
        double rows = (double) train.size() * train.outputs();
        double bytes = 8.0 * (rows <= p ? 2 * rows * p + rows * rows : p * p);
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap) {
            throw new BadInputException(String.format(Locale.ROOT,
                    "--laplace-predictive full: the full posterior of %d parameters on %d training outputs needs about"
                            + " %.1f GB, the JVM heap is %.1f GB; use kron or diag (or auto)",
                    net.numParameters(), (long) rows, bytes / 1e9, heap / 1e9));
        }
    }

    /**
     * The larger of a training step, a hyper-step batch and the predictive, beside the data and the
     * network, must fit the heap (see {@link MemoryPlanner}).
     */
    private void requireMemory(Sequential net, Dataset train, String est, PriorStructure priorStructure, int batchSize) {
        MemoryPlanner.Shapes shapes = MemoryPlanner.shapes(net, train.size(), train.features());
        int m = Math.min(batchSize, train.size());
        org.jlaplace.bench.memory.MemoryEstimate step = MemoryPlanner.batch(MemoryPlanner.base(shapes), shapes,
                Estimators.byName(est), priorStructure, m).max(MemoryPlanner.trainingStep(MemoryPlanner.base(shapes), shapes, Math.min(trainBatchSize, train.size())));
        String lp = laplacePredictive.toLowerCase(Locale.ROOT);
        String structure = lp.equals("auto") || lp.equals("on")
                ? (net.numParameters() <= LAPLACE_PREDICTIVE_MAX_PARAMETERS ? "full" : "kron")
                : lp;
        org.jlaplace.bench.memory.MemoryEstimate predictive = MemoryPlanner.predictive(MemoryPlanner.base(shapes), shapes, structure);
        boolean stepDominates = step.total() >= predictive.total();
        MemoryPlanner.require(step.max(predictive), stepDominates
                ? "marglik --estimator " + est + " --batch-size " + m + " --train-batch-size " + trainBatchSize
                        + " (the larger of a training step and a hyper-step batch)"
                : "marglik --laplace-predictive " + structure + " (the predictive on " + train.size() + " training examples)",
                stepDominates ? "a smaller --batch-size or --train-batch-size, another --estimator (the kernel and parametric"
                        + " forms cost min(P², (M·C)²) per batch)"
                        : "a cheaper --laplace-predictive (kron < full when layers are narrow; diag; off)");
    }

    /** Checks the options that need no data, naming the option. */
    private void checkOptions() {
        String lp = laplacePredictive.toLowerCase(Locale.ROOT);
        if (!LAPLACE_PREDICTIVE_VALUES.contains(lp)) {
            throw new BadInputException("--laplace-predictive '" + laplacePredictive
                    + "' is not one of auto, full, kron, diag, off");
        }
        PriorStructure priorStructure = fixedPrior != null ? PriorStructure.SCALAR : prior.structureOr(PriorStructure.LAYERWISE);
        if (!List.of("auto", "off", "on").contains(lp) && !PosteriorStructure.parse(lp).supports(priorStructure)) {
            throw new BadInputException("--laplace-predictive " + lp + " supports --prior-structure "
                    + PosteriorStructure.parse(lp).supportedPriors().stream().map(Object::toString)
                            .collect(java.util.stream.Collectors.joining(" or ")) + " only; use diag or auto");
        }
        predictiveOptions.link(estimator.seed);
        if (lp.equals("off") && predictiveOptions.givenExplicitly()) {
            throw new BadInputException("--link and --mc-samples need the Laplace predictive; --laplace-predictive off turns it off");
        }
        positiveInt("--epochs", epochs);
        positiveInt("--train-batch-size", trainBatchSize);
        positiveInt("--marglik-frequency", frequency);
        if (burnIn < 0) {
            throw new BadInputException("--burn-in " + burnIn + ": must be at least 0");
        }
        if (hyperSteps < 0) {
            throw new BadInputException("--hyper-steps " + hyperSteps + ": must be at least 0");
        }
        PriorOptions.positive("--lr", lr);
        PriorOptions.positive("--hyper-lr", hyperLr);
        if (!(lrMin >= 0) || lrMin > lr) {
            throw new BadInputException("--lr-min " + lrMin + ": must be between 0 and --lr " + lr);
        }
        if (!(lrDecay > 0 && lrDecay <= 1)) {
            throw new BadInputException("--lr-decay " + lrDecay + ": must be in (0, 1]");
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new BadInputException("--momentum " + momentum + ": must be in [0, 1)");
        }
        dtype();
        if (!List.of("adam", "sgd").contains(optimizer.toLowerCase(Locale.ROOT))) {
            throw new BadInputException("--optimizer '" + optimizer + "' is not one of adam, sgd");
        }
        if (!List.of("cosine", "exponential", "constant").contains(schedule.toLowerCase(Locale.ROOT))) {
            throw new BadInputException("--schedule '" + schedule + "' is not one of cosine, exponential, constant");
        }
        String est = estimator.estimatorName("kernel");
        if (Estimators.byName(est).requiresWholeData()) {
            throw new BadInputException("--estimator " + est + " needs all data in one batch; for marglik use kernel with --batch-size N");
        }
        positiveInt("--batch-size", estimator.batchSize == null ? 100 : estimator.batchSize);
        estimator.partitionName("random");
    }

    /** The checked {@code --dtype}. */
    private Dtype dtype() {
        return dtypeOption.dtype();
    }

    /** Advances the progress bar, when one is shown, by one unit of work and shows {@code message}. */
    private static void advance(ProgressBar bar, String message) {
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(message);
        }
    }

    /**
     * Batches of one class for classification: the NTK couples same-class data most, so keeping them
     * in one batch drops the least of the kernel and gives the tighter bound (Immer et al. 2023, §5).
     */
    private static String defaultPartition(Task task) {
        return (task == Task.CLASSIFICATION ? PartitionScheme.GROUPED : PartitionScheme.RANDOM).cliName();
    }

    private static void positiveInt(String name, int v) {
        if (v < 1) {
            throw new BadInputException(name + " " + v + ": must be at least 1");
        }
    }

    private Path outDir() {
        if (out != null) {
            return out;
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path p = Path.of("runs", "marglik-" + stamp);
        for (int i = 2; Files.exists(p); i++) {
            p = Path.of("runs", "marglik-" + stamp + "-" + i);
        }
        return p;
    }

    private static String[] indexNames(int p) {
        String[] n = new String[p];
        for (int i = 0; i < p; i++) {
            n[i] = Integer.toString(i);
        }
        return n;
    }

    private Map<String, Object> config(MarglikConfig s, Dataset all, Dataset train, Dataset test, Sequential net,
                                       PriorStructure structure, String defaultSpec) {
        Map<String, Object> c = Json.object();
        c.put("data", all.source());
        c.put("likelihood", all.task().cliName());
        c.put("n_train", train.size());
        c.put("n_test", test.size());
        c.put("model", model.model != null ? model.model : defaultSpec);
        c.put("parameters", net.numParameters());
        c.put("epochs", s.epochs());
        c.put("train_batch_size", s.batchSize());
        c.put("optimizer", s.optimizer().cliName());
        c.put("lr", s.optimizer().learningRate());
        c.put("schedule", s.optimizer().schedule().cliName());
        c.put("prior_structure", structure.cliName());
        c.put("fixed_prior", fixedPrior);
        c.put("estimator", s.estimator());
        c.put("batch_size", s.boundBatchSize());
        c.put("partition", s.partition().cliName());
        c.put("hyper_steps", hyperSteps);
        c.put("hyper_lr", s.hyperLearningRate());
        c.put("marglik_frequency", frequency);
        c.put("burn_in", burnIn);
        c.put("temperature", prior.temperature);
        Link link = predictiveOptions.link(s.seed());
        c.put("link", link.cliName());
        if (link instanceof Link.MonteCarlo mc) {
            c.put("mc_samples", mc.samples());
        }
        c.put("eval_train", evalTrain);
        c.put("dtype", s.dtype().cliName());
        c.put("seed", s.seed());
        c.put("split_seed", splitSeed);
        c.put("test_fraction", testFraction);
        return c;
    }

    private static ProgressBar progressBar(PrintStream err, String label, long total) {
        return new ProgressBarBuilder().setTaskName(label).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(err, 120)).setUpdateIntervalMillis(250).build();
    }

    private static String summaryTable(Map<String, Object> s, Path target, Task task) {
        TextTable t = new TextTable().row("result", "value");
        if (task == Task.CLASSIFICATION) {
            t.row("test accuracy", fmt(s.get("test_accuracy")));
        } else {
            t.row("test RMSE", fmt(s.get("test_rmse")));
            t.row("sigma", fmt(s.get("sigma")));
        }
        t.row("test log-lik / datum (MAP)", fmt(s.get("test_log_likelihood")));
        if (s.get("test_log_likelihood_laplace") instanceof Double d && !d.isNaN()) {
            t.row("test log-lik / datum (Laplace GLM probit, " + s.get("laplace_predictive") + ")", fmt(d));
        }
        t.row("log marglik estimate", fmt(s.get("log_marglik")));
        Object pp = s.get("prior_precision");
        if (pp instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) pp).entrySet()) {
                if (((Map<?, ?>) pp).size() <= 12) {
                    t.row("prior precision " + e.getKey(), fmt(e.getValue()));
                }
            }
        }
        for (Map.Entry<String, Object> e : s.entrySet()) {
            if (e.getKey().startsWith("aug_")) {
                t.row("learned extent " + e.getKey().substring(4), fmt(e.getValue()));
            }
        }
        t.row("epochs", String.valueOf(s.get("epochs_completed")));
        t.row("seconds", fmt(s.get("seconds")));
        t.row("output", target.toString());
        return t.render();
    }

    private static String fmt(Object v) {
        if (v instanceof Double) {
            return String.format(Locale.ROOT, "%.6g", (Double) v);
        }
        return String.valueOf(v);
    }
}
