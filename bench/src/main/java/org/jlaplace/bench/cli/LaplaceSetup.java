package org.jlaplace.bench.cli;

import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.bench.data.Dataset;
import org.jlaplace.bench.data.Task;
import org.jlaplace.bench.model.FlatInputs;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.likelihood.GaussianLikelihood;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.likelihood.LikelihoodKind;
import org.jlaplace.laplace.partition.Partition;
import org.jlaplace.laplace.prior.ParameterGroups;
import org.jlaplace.laplace.prior.Prior;
import org.jlaplace.laplace.prior.PriorStructure;

/** Turns command-line choices into the laplace module's values (likelihood, prior, targets, partition). */
final class LaplaceSetup {
    private LaplaceSetup() {
    }

    /** The likelihood of the task with {@code C} outputs, noise {@code σ} (regression) and temperature {@code T}. */
    static Likelihood likelihood(Task task, int outputs, double sigma, double temperature) {
        return task == Task.CLASSIFICATION ? new CategoricalLikelihood(outputs, temperature)
                : new GaussianLikelihood(outputs, sigma, temperature);
    }

    /** The kind of likelihood a task uses. */
    static LikelihoodKind likelihoodKind(Task task) {
        return task == Task.CLASSIFICATION ? LikelihoodKind.CATEGORICAL : LikelihoodKind.GAUSSIAN;
    }

    /** Targets as the laplace module reads them: class indices as doubles, or row-major {@code N×C} reals. */
    static double[] targets(Dataset d) {
        if (d.task() == Task.REGRESSION) {
            return d.flatTargets();
        }
        double[] y = new double[d.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = d.label(i);
        }
        return y;
    }

    /** A prior of {@code structure} with the given precision values (already counted for the model). */
    static Prior prior(PriorStructure structure, double[] precisions) {
        switch (structure) {
            case SCALAR: return Prior.scalar(precisions[0]);
            case LAYERWISE: return Prior.layerwise(precisions);
            default: return Prior.diagonal(precisions);
        }
    }

    /** The parameter tensor names of a network, in model order. */
    static String[] groupNames(Sequential net) {
        ParameterGroups g = FlatInputs.groupsOf(net);
        String[] names = new String[g.count()];
        for (int i = 0; i < names.length; i++) {
            names[i] = g.name(i);
        }
        return names;
    }

    /** The partition of {@code d} into batches of {@code m} by the named rule. */
    static Partition partition(String name, Dataset d, int m, long seed) {
        switch (name) {
            case "contiguous": return Partition.contiguous(d.size(), m);
            case "random": return Partition.random(d.size(), m, seed);
            case "grouped":
                if (d.task() != Task.CLASSIFICATION) {
                    throw new BadInputException("--partition grouped needs classification data (it groups batches by class)");
                }
                return Partition.grouped(d.labels(), m, seed);
            default: throw new BadInputException("--partition '" + name + "' is not one of contiguous, random, grouped");
        }
    }
}
