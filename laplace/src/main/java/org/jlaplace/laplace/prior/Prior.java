package org.jlaplace.laplace.prior;

import org.jlaplace.core.kernels.KernelProvider;

/**
 * An isotropic-per-block Gaussian prior {@code p(θ) = N(0, P0⁻¹)}, {@code P0 = diag(δ)}, with
 * its precisions parameterised by {@code log δ} (MATHEMATICS.md §1). The structure decides how many
 * precision values there are and which parameters share one:
 * scalar (1), layerwise (one per parameter group), diagonal (one per parameter).
 *
 * <p>Invalid values (a non-positive or non-finite precision, a non-finite log precision, a count
 * that does not match the model) raise an {@link IllegalArgumentException} naming the value.
 */
public sealed interface Prior permits ScalarPrior, VectorPrior {

    /** The structure: scalar, layerwise or diagonal (its {@code toString} is the lower-case name). */
    PriorStructure structure();

    /** Number of hyperparameters (precision values). */
    int size();

    /** The log precisions {@code log δ_k} (a copy). */
    double[] logPrecisions();

    /** The same structure with new log precisions. */
    Prior withLogPrecisions(double[] logPrecisions);

    /**
     * Which hyperparameter governs each parameter group, or {@code null} when precisions vary
     * inside a group (diagonal prior). Checks that the prior fits the groups.
     */
    int[] hyperparameterOfGroup(ParameterGroups groups);

    /**
     * The index {@code k(p)} of the hyperparameter that governs each parameter {@code p}, length
     * {@code P} (scalar: 0; layerwise: its group's; diagonal: {@code p}). Checks the fit.
     */
    default int[] hyperparameterOfParameter(ParameterGroups groups) {
        int[] ofGroup = hyperparameterOfGroup(groups);
        int[] out = new int[groups.totalSize()];
        for (int g = 0; g < groups.count(); g++) {
            for (int p = groups.offset(g); p < groups.offset(g) + groups.size(g); p++) {
                out[p] = ofGroup == null ? p : ofGroup[g];
            }
        }
        return out;
    }

    /** The precisions {@code δ_k = exp(log δ_k)} of all hyperparameters (a fresh array). */
    default double[] precisions() {
        double[] l = logPrecisions();
        for (int i = 0; i < l.length; i++) {
            l[i] = Math.exp(l[i]);
        }
        return l;
    }

    /** The precision {@code δ_p} of every parameter, length {@code P}. Checks the fit. */
    double[] precisionPerParameter(ParameterGroups groups);

    /** The precision of hyperparameter {@code k}: {@code exp(log δ_k)}. */
    default double precision(int k) {
        return Math.exp(logPrecisions()[k]);
    }

    /**
     * {@code log p(θ) + const = −½ Σ_p δ_p θ_p²}; for priors constant on each group this is
     * {@code −½ Σ_g δ_{k(g)} ‖θ_g‖²}, which needs no per-parameter precision array.
     */
    default double logPrior(double[] theta, ParameterGroups groups) {
        if (hyperparameterOfGroup(groups) != null) {
            checkTheta(theta, groups.totalSize());
            return logPriorOfGroupNorms(groupSquaredNorms(theta, groups), groups);
        }
        double[] d = precisionPerParameter(groups);
        checkTheta(theta, d.length);
        double s = 0.0;
        for (int p = 0; p < d.length; p++) {
            s += d[p] * theta[p] * theta[p];
        }
        return -0.5 * s;
    }

    /** {@code ∂ logPrior/∂ log δ_k = −½ Σ_{p∈k} δ_p θ_p²}. */
    default double[] logPriorGradient(double[] theta, ParameterGroups groups) {
        if (hyperparameterOfGroup(groups) != null) {
            checkTheta(theta, groups.totalSize());
            return logPriorGradientOfGroupNorms(groupSquaredNorms(theta, groups), groups);
        }
        double[] d = precisionPerParameter(groups);
        checkTheta(theta, d.length);
        double[] g = new double[size()];
        for (int grp = 0; grp < groups.count(); grp++) {
            for (int p = groups.offset(grp); p < groups.offset(grp) + groups.size(grp); p++) {
                g[p] -= 0.5 * d[p] * theta[p] * theta[p];
            }
        }
        return g;
    }

    /**
     * {@code −½ Σ_g δ_{k(g)} ‖θ_g‖²} from the squared norms {@code ‖θ_g‖²} of the groups, for a
     * prior constant on each group (scalar, layerwise).
     *
     * @throws IllegalArgumentException for a diagonal prior or a wrong number of groups
     */
    default double logPriorOfGroupNorms(double[] groupSquaredNorms, ParameterGroups groups) {
        int[] hyper = perGroup("log prior", groupSquaredNorms, groups);
        double[] logs = logPrecisions();
        double s = 0.0;
        for (int grp = 0; grp < hyper.length; grp++) {
            s += Math.exp(logs[hyper[grp]]) * groupSquaredNorms[grp];
        }
        return -0.5 * s;
    }

    /** {@code ∂/∂ log δ_k = −½ Σ_{g: k(g)=k} δ_k ‖θ_g‖²} from the groups' squared norms. */
    default double[] logPriorGradientOfGroupNorms(double[] groupSquaredNorms, ParameterGroups groups) {
        int[] hyper = perGroup("log prior gradient", groupSquaredNorms, groups);
        double[] logs = logPrecisions();
        double[] g = new double[size()];
        for (int grp = 0; grp < hyper.length; grp++) {
            g[hyper[grp]] -= 0.5 * Math.exp(logs[hyper[grp]]) * groupSquaredNorms[grp];
        }
        return g;
    }

    private int[] perGroup(String operation, double[] groupSquaredNorms, ParameterGroups groups) {
        int[] hyper = hyperparameterOfGroup(groups);
        if (hyper == null) {
            throw new IllegalArgumentException(operation + ": a " + structure()
                    + " prior varies inside a group and needs every parameter, not group norms");
        }
        if (groupSquaredNorms.length != groups.count()) {
            throw new IllegalArgumentException(operation + ": " + groupSquaredNorms.length + " group norms for "
                    + groups.count() + " groups");
        }
        return hyper;
    }

    private static double[] groupSquaredNorms(double[] theta, ParameterGroups groups) {
        double[] out = new double[groups.count()];
        for (int grp = 0; grp < out.length; grp++) {
            out[grp] = groupSquaredNorm(theta, groups, grp);
        }
        return out;
    }

    private static double groupSquaredNorm(double[] theta, ParameterGroups groups, int grp) {
        return KernelProvider.get().sumOfSquares(theta, groups.offset(grp), groups.size(grp));
    }

    private static void checkTheta(double[] theta, int p) {
        if (theta.length != p) {
            throw new IllegalArgumentException("log prior: θ has " + theta.length + " entries, model has " + p);
        }
    }

    /** A scalar prior of precision {@code δ}. */
    static ScalarPrior scalar(double precision) {
        return new ScalarPrior(PriorChecks.logOfPrecision(precision, 0));
    }

    /** A layerwise prior with one precision per parameter group. */
    static LayerwisePrior layerwise(double... precisions) {
        return new LayerwisePrior(PriorChecks.logsOfPrecisions(precisions));
    }

    /** A diagonal prior with one precision per parameter. */
    static DiagonalPrior diagonal(double... precisions) {
        return new DiagonalPrior(PriorChecks.logsOfPrecisions(precisions));
    }

    /**
     * A prior of the structure with every precision equal to {@code precision}, sized for the
     * groups (layerwise: one per group; diagonal: one per parameter).
     */
    static Prior of(PriorStructure structure, double precision, ParameterGroups groups) {
        double log = PriorChecks.logOfPrecision(precision, 0);
        return switch (structure) {
            case SCALAR -> new ScalarPrior(log);
            case LAYERWISE -> new LayerwisePrior(filled(groups.count(), log));
            case DIAGONAL -> new DiagonalPrior(filled(groups.totalSize(), log));
        };
    }

    /** {@link #of(PriorStructure, double, ParameterGroups)} for a structure named {@code scalar|layerwise|diagonal}. */
    static Prior of(String structure, double precision, ParameterGroups groups) {
        return of(PriorStructure.parse(structure), precision, groups);
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
