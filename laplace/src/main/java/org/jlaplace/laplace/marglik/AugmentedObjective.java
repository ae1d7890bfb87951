package org.jlaplace.laplace.marglik;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jlaplace.autodiff.augment.AffineAugmentation;
import org.jlaplace.autodiff.augment.AffineGenerator;
import org.jlaplace.autodiff.augment.AugmentedModel;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.autodiff.optim.Adam;
import org.jlaplace.autodiff.optim.OptimizerSnapshot;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.invariance.AugmentedKernelBound;
import org.jlaplace.laplace.invariance.InvarianceBound;
import org.jlaplace.laplace.invariance.KernelStructure;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.prior.ParameterGroups;
import org.jlaplace.laplace.prior.Prior;

/**
 * The augmented model {@code f̄(x) = (1/S) Σ_s f(T(x; η ⊙ ε_s))} of invariance learning: fresh noise
 * {@code ε} for every minibatch and every estimate, the bound of {@link AugmentedKernelBound} with
 * its gradient in {@code η}, and an Adam on {@code ρ} with {@code η = softplus(ρ)}, whose chain rule
 * gives {@code ∂/∂ρ = σ(ρ)·∂/∂η}.
 */
final class AugmentedObjective implements TrainingObjective {
    private final AugmentedModel model;
    private final AugmentedKernelBound bound;
    private final List<AffineGenerator> generators;
    private final boolean learn;
    private final Tensor x;
    private final double[] targets;
    private final int width;
    private final Adam extentOptimizer;
    private final double[] rho;
    private final double[] eta;

    AugmentedObjective(Sequential network, Tensor x, double[] targets, int targetWidth, InvarianceLearning spec,
                       KernelStructure kernel) {
        AffineAugmentation augmentation = new AffineAugmentation(spec.generators(), spec.samples());
        this.model = new AugmentedModel(network, augmentation, spec.imageShape());
        this.bound = new AugmentedKernelBound(model, x.dim(0), kernel);
        this.generators = spec.generators();
        this.learn = spec.learnExtents();
        this.x = x;
        this.targets = targets;
        this.width = targetWidth;
        this.extentOptimizer = new Adam(spec.learningRate());
        int k = augmentation.size();
        this.rho = new double[k];
        Arrays.fill(rho, learn ? Softplus.inverse(spec.initialExtent()) : 0.0);
        this.eta = new double[k];
        Arrays.fill(eta, spec.initialExtent());
    }

    /** The augmented model the run trains. */
    AugmentedModel model() {
        return model;
    }

    @Override
    public ParameterGroups groups() {
        return bound.groups();
    }

    @Override
    public org.jlaplace.autodiff.nn.Trace trace32(Tensor x) {
        throw new IllegalStateException("invariance learning has no float32 path");
    }

    @Override
    public Forward forward(Tensor xb, Rng rng) {
        AugmentedModel.Pass pass = model.pass(xb, Tensor.copyOf(eta, eta.length),
                model.augmentation().sampleNoise(rng, xb.dim(0)));
        return new Forward() {
            @Override
            public Tensor output() {
                return pass.output();
            }

            @Override
            public List<Tensor> backward(Tensor cotangent) {
                return pass.parameterGradients(cotangent);
            }
        };
    }

    @Override
    public void beginRound(Likelihood likelihood, Prior prior, Rng rng) {
        // The bound differentiates through the network at its current parameters on each batch: nothing to prepare.
    }

    @Override
    public Estimate estimate(int[] batch, Likelihood likelihood, Prior prior, Rng rng) {
        InvarianceBound b = bound.evaluate(x.indexSelect(0, batch), rows(batch), eta,
                model.augmentation().sampleNoise(rng, batch.length), likelihood, prior);
        return new Estimate(b.value(), b.gradEta());
    }

    @Override
    public double value(int[] batch, Likelihood likelihood, Prior prior, Rng rng) {
        return bound.value(x.indexSelect(0, batch), rows(batch), eta, model.augmentation().sampleNoise(rng, batch.length),
                likelihood, prior);
    }

    /** One Adam step on {@code ρ} descending {@code −L̂/N}: gradient {@code −σ(ρ_i)·∂L̂/∂η_i / N}. */
    @Override
    public void stepExtents(Estimate estimate, int n) {
        if (!learn) {
            return;
        }
        int k = rho.length;
        double[] gradRho = new double[k];
        for (int i = 0; i < k; i++) {
            gradRho[i] = -estimate.gradEta()[i] * Softplus.sigmoid(rho[i]) / n;
        }
        Tensor rhoTensor = Tensor.copyOf(rho, k);
        extentOptimizer.step(List.of(rhoTensor), List.of(Tensor.copyOf(gradRho, k)));
        double[] updated = rhoTensor.toArray();
        for (int i = 0; i < k; i++) {
            rho[i] = updated[i];
            eta[i] = Softplus.of(rho[i]);
        }
    }

    @Override
    public double[] eta() {
        return eta.clone();
    }

    @Override
    public Map<String, Double> extents() {
        return reportedExtents(generators, eta);
    }

    @Override
    public double[] rho() {
        return rho.clone();
    }

    @Override
    public OptimizerSnapshot extentOptimizer() {
        return extentOptimizer.snapshot();
    }

    @Override
    public void restoreExtents(double[] savedRho, double[] savedEta, OptimizerSnapshot optimizer) {
        if (savedRho.length != rho.length || savedEta.length != eta.length) {
            throw new IllegalArgumentException("marglik state: " + savedEta.length + " augmentation extents, this run has "
                    + eta.length);
        }
        extentOptimizer.restore(optimizer);
        System.arraycopy(savedRho, 0, rho, 0, rho.length);
        System.arraycopy(savedEta, 0, eta, 0, eta.length);
    }

    /** Extents by metric name ({@code aug_rotation}, {@code aug_translation_x}, …) in reported units. */
    static Map<String, Double> reportedExtents(List<AffineGenerator> generators, double[] eta) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < generators.size(); i++) {
            out.put("aug_" + generators.get(i).label(), generators.get(i).reportedExtent(eta[i]));
        }
        return out;
    }

    private double[] rows(int[] idx) {
        double[] out = new double[idx.length * width];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(targets, idx[i] * width, out, i * width, width);
        }
        return out;
    }
}
