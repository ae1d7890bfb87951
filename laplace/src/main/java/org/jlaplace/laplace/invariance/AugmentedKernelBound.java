package org.jlaplace.laplace.invariance;

import java.util.ArrayList;
import java.util.List;
import org.jlaplace.autodiff.AD;
import org.jlaplace.autodiff.Var;
import org.jlaplace.autodiff.augment.AugmentedJacobians;
import org.jlaplace.autodiff.augment.AugmentedModel;
import org.jlaplace.autodiff.nn.Parameter;
import org.jlaplace.autodiff.primitives.Gram;
import org.jlaplace.autodiff.primitives.SpdLogDet;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.BoundValue;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.likelihood.GaussianLikelihood;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.prior.ParameterGroups;
import org.jlaplace.laplace.prior.Prior;

/**
 * The stochastic kernel bound (MATHEMATICS.md §4.1, §5.1) of an augmented model
 * {@code f̄(x) = (1/S) Σ_s f(T(x; η ⊙ ε_s))} on one batch {@code b} of size {@code M} out of
 * {@code N}, as a differentiable function of the extents {@code η}, the log prior precisions and
 * (regression) {@code log σ}:
 *
 * <pre>
 *   L̂ = (N/M)·[ Σ_{n∈b} log p(y_n | f̄_n) − ½ log det(I + G_b) ] − ½ Σ_p δ_p θ_p²,
 *   G_b = J̃ P0⁻¹ J̃ᵀ,   J̃_n = A_nᵀ J̄_n,   J̄_n = ∂f̄(x_n)/∂θ,
 * </pre>
 *
 * with {@code A_n} the likelihood's Hessian factor at {@code f̄_n} (MATHEMATICS.md §2:
 * {@code diag(√p) − p√pᵀ} for the softmax, {@code I/σ} for the Gaussian, both over {@code √T}).
 * {@code J̄} comes from {@link AugmentedJacobians} as graph nodes that depend on {@code η}, so the
 * whole expression — factor, kernel ({@link Gram}), Cholesky log-determinant ({@link SpdLogDet}), likelihood —
 * is one graph and a single reverse sweep gives {@code ∂L̂/∂η} (reverse over reverse), together
 * with {@code ∂L̂/∂ log δ} and {@code ∂L̂/∂ log σ}. The noise {@code ε} is an argument, so
 * finite differences in {@code η} with the same noise (common random numbers) check the gradient.
 *
 * <p>Priors: scalar, layerwise and diagonal ({@link Prior}); likelihoods:
 * {@link CategoricalLikelihood} and {@link GaussianLikelihood} (targets as in {@link Likelihood}).
 */
public final class AugmentedKernelBound {
    private final AugmentedModel model;
    private final ParameterGroups groups;
    private final int dataSize;
    private final KernelStructure structure;

    /**
     * @param model    the augmented network, evaluated at its current parameters (the MAP {@code θ*})
     * @param dataSize {@code N}, the size of the data set the batches are drawn from
     */
    public AugmentedKernelBound(AugmentedModel model, int dataSize) {
        this(model, dataSize, KernelStructure.FULL);
    }

    /**
     * @param model     the augmented network, evaluated at its current parameters (the MAP {@code θ*})
     * @param dataSize  {@code N}, the size of the data set the batches are drawn from
     * @param structure the full {@code MC×MC} kernel or its {@code C} output-wise blocks
     */
    public AugmentedKernelBound(AugmentedModel model, int dataSize, KernelStructure structure) {
        if (dataSize < 1) {
            throw new IllegalArgumentException("AugmentedKernelBound: data size must be positive, got " + dataSize);
        }
        this.model = model;
        this.groups = groupsOf(model);
        this.dataSize = dataSize;
        this.structure = java.util.Objects.requireNonNull(structure, "structure");
    }

    /** Which kernel the log-determinant uses. */
    public KernelStructure structure() {
        return structure;
    }

    /** The parameter groups of the network (one per weight and bias tensor, in order). */
    public static ParameterGroups groupsOf(AugmentedModel model) {
        List<String> names = new ArrayList<>();
        List<Parameter> params = model.network().parameters();
        int[] sizes = new int[params.size()];
        for (int k = 0; k < params.size(); k++) {
            names.add(params.get(k).name());
            sizes[k] = params.get(k).size();
        }
        return new ParameterGroups(names, sizes);
    }

    /** The parameter groups the prior must fit. */
    public ParameterGroups groups() {
        return groups;
    }

    /**
     * The bound and all its gradients on one batch.
     *
     * @param x          the batch's inputs {@code [M, …]}
     * @param targets    {@code M} class indices (classification) or {@code M×C} values (regression)
     * @param eta        the extents {@code η ≥ 0}, one per generator
     * @param noise      {@code ε}, {@code [M, S, k]}
     * @param likelihood the observation model (its {@code σ}, {@code T})
     * @param prior      the prior (its {@code log δ})
     */
    public InvarianceBound evaluate(Tensor x, double[] targets, double[] eta, Tensor noise, Likelihood likelihood,
                                    Prior prior) {
        Var etaVar = Var.variable(Tensor.copyOf(eta, eta.length));
        Var logDelta = Var.variable(Tensor.copyOf(prior.logPrecisions(), prior.size()));
        double logSigmaValue = likelihood.logSigma();
        Var logSigma = Var.variable(Tensor.scalar(logSigmaValue));
        Terms t = terms(x, targets, etaVar, noise, logDelta, logSigma, likelihood, prior);
        Var[] grads = AD.gradients(t.total(), etaVar, logDelta, logSigma);
        BoundValue v = new BoundValue(structure.estimatorName(), true, t.total().item(), t.logLikelihood().item(),
            t.logPrior().item(), t.logDetRatio().item(), grads[1].value().toArray(),
            likelihood.hasSigma() ? grads[2].item() : 0.0);
        return new InvarianceBound(v, grads[0].value().toArray());
    }

    /** The bound's value alone (no gradients), e.g. for finite differences. */
    public double value(Tensor x, double[] targets, double[] eta, Tensor noise, Likelihood likelihood, Prior prior) {
        double logSigma = likelihood.logSigma();
        return terms(x, targets, Var.of(Tensor.copyOf(eta, eta.length)), noise,
            Var.of(Tensor.copyOf(prior.logPrecisions(), prior.size())), Var.scalar(logSigma), likelihood, prior)
            .total().item();
    }

    /** The three terms of the bound as graph nodes. */
    record Terms(Var total, Var logLikelihood, Var logPrior, Var logDetRatio) {
    }

    /**
     * The bound as a graph in {@code eta} ({@code [k]}), {@code logDelta} ({@code [K]}) and
     * {@code logSigma} (rank 0, used by the Gaussian likelihood only): {@code x}, targets and
     * noise as for {@link #evaluate}. The noise {@code ε} is fixed by the caller.
     */
    Terms terms(Tensor x, double[] targets, Var eta, Tensor noise, Var logDelta, Var logSigma, Likelihood likelihood,
                Prior prior) {
        int m = x.dim(0);
        int c = likelihood.outputs();
        checkTargets(targets, m, likelihood);
        AugmentedJacobians jac = AugmentedJacobians.of(model, Var.of(x), eta, noise);
        Var f = jac.output();
        if (f.dim(1) != c) {
            throw new IllegalArgumentException("AugmentedKernelBound: the network has " + f.dim(1)
                + " outputs but the likelihood " + c);
        }
        int p = groups.totalSize();
        Var weighted;
        double temperature = likelihood.temperature();
        if (likelihood instanceof CategoricalLikelihood) {
            Var probs = f.softmax(1);
            Var factor = structure == KernelStructure.FULL ? thinSoftmaxFactor(probs) : squareSoftmaxFactor(probs);
            // one batched (C−1 or C)×C by C×P product per example: the only operation on the large
            // J̄ besides the prior scaling below
            weighted = factor.mul(1.0 / Math.sqrt(temperature)).matmul(jac.jacobian());
        } else {
            weighted = jac.jacobian().mul(logSigma.neg().exp().mul(1.0 / Math.sqrt(temperature)));
        }
        Var logLik = likelihood.logLikelihood(f, targets, logSigma);
        int[] hyper = prior.hyperparameterOfParameter(groups);
        Var logDeltaPerParameter = logDelta.indexSelect(0, hyper);
        Var scaled = weighted.mul(logDeltaPerParameter.mul(-0.5).exp());
        Var logDet = structure == KernelStructure.FULL ? fullLogDet(scaled, m * weighted.dim(1), p)
            : outputwiseLogDet(scaled, m, c);
        Var theta = Var.of(model.network().flatParameters());
        Var logPrior = theta.square().mul(logDeltaPerParameter.exp()).sum().mul(-0.5);
        double scale = (double) dataSize / m;
        Var scaledLogLik = logLik.mul(scale);
        Var logDetRatio = logDet.mul(scale);
        Var total = scaledLogLik.add(logPrior).sub(logDetRatio.mul(0.5));
        return new Terms(total, scaledLogLik, logPrior, logDetRatio);
    }

    /**
     * Square factors {@code A_n = diag(√p) − p √pᵀ} ({@code [M, C, C]}) of the softmax Hessians,
     * {@code A_nᵀ A_n = Λ_n = diag(p) − p pᵀ}, with row {@code c} belonging to output {@code c}
     * (which the output-wise blocks need).
     */
    private static Var squareSoftmaxFactor(Var probs) {
        int c = probs.dim(1);
        Var centring = Var.of(Tensor.eye(c)).sub(probs.unsqueeze(1));
        return probs.sqrt().unsqueeze(2).mul(centring);
    }

    /**
     * Thin factors {@code B_n = U_nᵀ diag(√p)} ({@code [M, C−1, C]}) with {@code B_nᵀ B_n = Λ_n}:
     * {@code Λ = diag(√p)(I − √p √pᵀ)diag(√p)} has rank {@code C − 1}, and the Householder
     * reflection {@code H = I − 2 v vᵀ/‖v‖²}, {@code v = √p + e_C} (never 0, as {@code √p ≥ 0}),
     * maps {@code √p} to {@code −e_C}, so its first {@code C − 1} columns {@code U} span the
     * complement of {@code √p}: {@code U Uᵀ = I − √p √pᵀ}. The full kernel then has {@code M(C−1)}
     * rows instead of {@code M·C}, with the same log-determinant (Sylvester), and {@code B}
     * stays differentiable in {@code p}, hence in {@code η}.
     */
    private static Var thinSoftmaxFactor(Var probs) {
        int m = probs.dim(0);
        int c = probs.dim(1);
        Var sqrtP = probs.sqrt();
        double[] last = new double[m * c];
        for (int n = 0; n < m; n++) {
            last[n * c + c - 1] = 1.0;
        }
        Var v = sqrtP.add(Var.of(Tensor.of(last, m, c)));
        Var twoOverNorm = v.square().sum(new int[] {1}, true).reciprocal().mul(2.0);
        Var outer = v.unsqueeze(2).mul(v.unsqueeze(1)).mul(twoOverNorm.unsqueeze(2));
        Var complement = Var.of(Tensor.eye(c)).sub(outer).slice(2, 0, c - 1);
        return complement.permute(0, 2, 1).mul(sqrtP.unsqueeze(1));
    }

    /** {@code log det(I + J̃ P0⁻¹ J̃ᵀ)} over all rows of {@code scaled} ({@code rows × P} once flattened). */
    private static Var fullLogDet(Var scaled, int rows, int p) {
        Var flat = scaled.reshape(rows, p);
        return SpdLogDet.of(Gram.of(flat).add(Var.of(Tensor.eye(rows))));
    }

    /** {@code Σ_c log det(I + G^(c))}, {@code G^(c)} the {@code M×M} block of output {@code c}. */
    private static Var outputwiseLogDet(Var scaled, int m, int c) {
        Var byOutput = scaled.permute(1, 0, 2);
        Var grams = Gram.of(byOutput).add(Var.of(Tensor.eye(m)));
        Var total = null;
        for (int k = 0; k < c; k++) {
            Var term = SpdLogDet.of(grams.select(0, k));
            total = total == null ? term : total.add(term);
        }
        return total;
    }

    private static void checkTargets(double[] targets, int m, Likelihood likelihood) {
        int width = likelihood.targetWidth();
        if (targets.length != m * width) {
            throw new IllegalArgumentException("AugmentedKernelBound: " + targets.length + " target values for "
                + m + " inputs (expected " + m * width + ")");
        }
        if (likelihood instanceof CategoricalLikelihood) {
            for (int n = 0; n < m; n++) {
                double y = targets[n];
                if (y != Math.rint(y) || y < 0 || y >= likelihood.outputs()) {
                    throw new IllegalArgumentException("AugmentedKernelBound: target " + n + " is " + y
                        + ", not a class index in [0, " + likelihood.outputs() + ")");
                }
            }
        }
        for (int i = 0; i < targets.length; i++) {
            if (!Double.isFinite(targets[i])) {
                throw new IllegalArgumentException("AugmentedKernelBound: target value " + i + " is "
                    + targets[i]);
            }
        }
    }
}
