package org.jlaplace.bench.cli;

import java.io.PrintStream;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.jlaplace.autodiff.nn.Dtype;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.bench.data.DataChecks;
import org.jlaplace.bench.data.DataFormatException;
import org.jlaplace.bench.data.Dataset;
import org.jlaplace.bench.data.Task;
import org.jlaplace.bench.model.FlatInputs;
import org.jlaplace.laplace.NetworkModel;
import org.jlaplace.bench.report.Json;
import org.jlaplace.laplace.BoundValue;
import org.jlaplace.laplace.Laplace;
import org.jlaplace.laplace.MarginalLikelihood;
import org.jlaplace.laplace.bound.BoundEstimator;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.partition.Partition;
import org.jlaplace.laplace.prior.Prior;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jlaplace evidence}: the log marginal likelihood of a trained model, or one of its bounds
 * or stochastic estimates, without training (CLI.md).
 */
@Command(name = "evidence", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate the linearized-Laplace log marginal likelihood of a trained model, or a bound or stochastic estimate of it.",
            "log_marglik = log_likelihood + log_prior - 1/2 log_det_ratio."})
public final class EvidenceCommand implements Callable<Integer> {
    @ParentCommand
    JlaplaceCommand parent;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    PriorOptions prior = new PriorOptions();

    @Mixin
    EstimatorOptions estimator = new EstimatorOptions();

    @Mixin
    DtypeOption dtypeOption = new DtypeOption();

    @Option(names = "--gradients", description = "Also report the gradients of log_marglik in log δ and log σ.")
    boolean gradients;

    @Option(names = "--json", description = "Print one JSON object on standard output.")
    boolean json;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        PrintStream out = parent.out;
        Dtype dtype = dtypeOption.dtype();
        BoundEstimator<?> est = estimator.estimator(null);
        String estimatorName = est.name();
        String partitionName = estimator.partitionName("contiguous");
        Dataset d = data.load(null, null, estimator.seed);
        Task task = d.task();
        prior.validate(task, true);
        Sequential net = ModelLoading.load(model, d, true, null, estimator.seed);
        d = fit(d, net);
        d = data.standardized(d, d)[0];
        int n = d.size();
        int c = net.outputSize();
        int m = est.requiresWholeData() ? n : estimator.batchSize(n, n);
        if (estimator.batchSize != null && est.requiresWholeData() && estimator.batchSize != n) {
            throw new BadInputException("--batch-size does not apply to --estimator " + estimatorName + " (it uses all "
                    + n + " data); use kernel or parametric for a partition bound");
        }
        MemoryPlanner.Shapes shapes = MemoryPlanner.shapes(net, n, d.features());
        MemoryPlanner.require(MemoryPlanner.batch(MemoryPlanner.base(shapes), shapes, est, prior.structure(), m),
                "evidence --estimator " + estimatorName + " --batch-size " + m);
        NumericalChecks.requireUsable(net, d, "evidence", dtype);
        double[] precisions = prior.precisions(LaplaceSetup.groupNames(net), net.numParameters());
        Prior p = LaplaceSetup.prior(prior.structure(), precisions);
        EstimatorOptions.requireSupport(est, prior.structure(), task);
        Likelihood lik = LaplaceSetup.likelihood(task, c, prior.sigmaOrDefault(), prior.temperature);
        NetworkModel lin = FlatInputs.linearized(net, d.flatInputs(), n, dtype);
        MarginalLikelihood<?> ml = Laplace.marginalLikelihood(lin, LaplaceSetup.targets(d), lik, p, est);
        BoundValue v;
        if (partitionName.equals("contiguous")) {
            v = ml.partitionBound(Partition.contiguous(n, m));
        } else {
            Partition part = LaplaceSetup.partition(partitionName, d, m, estimator.seed);
            v = ml.estimate(part, new SplittableRandom(estimator.seed));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        EvidenceResult r = new EvidenceResult(estimatorName, n, c, net.numParameters(), m, v.logMarglik(),
                v.logLikelihood(), v.logPrior(), v.logDetRatio(), gradients ? v.gradLogPrecision() : null,
                gradients && task == Task.REGRESSION ? Double.valueOf(v.gradLogSigma()) : null, seconds);
        if (json) {
            out.println(Json.compact(r.toJson()));
        } else {
            out.print(r.toText());
            if (!v.certifiedBound()) {
                out.println("note: " + estimatorName + " is an approximation, not a guaranteed lower bound");
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Checks the data against the network's input shape and outputs; returns them reshaped. */
    static Dataset fit(Dataset d, Sequential net) {
        try {
            d = DataChecks.requireInputShape(d, net.inputShape());
            return DataChecks.requireOutputs(d, net.outputSize());
        } catch (DataFormatException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }
}
