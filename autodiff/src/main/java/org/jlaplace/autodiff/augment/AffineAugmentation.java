package org.jlaplace.autodiff.augment;

import java.util.Arrays;
import java.util.List;
import org.jlaplace.autodiff.Images;
import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;

/**
 * A differentiable affine augmentation of NCHW images (Immer et al. 2022, "LILA"): for extents
 * {@code η ∈ R^k} (one per chosen {@link AffineGenerator}, {@code η ≥ 0}) and noise
 * {@code ε ~ U[−1, 1]^k}, the transform is {@code T(ε) = exp(Σ_i ε_i η_i G_i)}, applied by
 * bilinear sampling with zero padding ({@link Images#affineWarp}, the first two rows of
 * {@code T} being the affine map). Each of {@code M} images gets {@code S} independent samples,
 * giving {@code M·S} images ordered image-major (row {@code n·S + s}).
 *
 * <p>Everything is differentiable in the images and in {@code η} (the noise is a constant), so
 * gradients in {@code η} of anything computed from the augmented images — including derivatives
 * of derivatives — come from the AD engine.
 */
public final class AffineAugmentation {
    private final List<AffineGenerator> generators;
    private final int samples;
    private final Tensor generatorStack;

    /**
     * @param generators the transforms to learn (at least one, no duplicates)
     * @param samples    {@code S ≥ 1}, augmented copies per image
     */
    public AffineAugmentation(List<AffineGenerator> generators, int samples) {
        if (generators == null || generators.isEmpty()) {
            throw new IllegalArgumentException("AffineAugmentation: needs at least one generator");
        }
        if (generators.stream().distinct().count() != generators.size()) {
            throw new IllegalArgumentException("AffineAugmentation: duplicate generators in " + generators);
        }
        if (samples < 1) {
            throw new IllegalArgumentException("AffineAugmentation: the number of samples S must be at least 1, got "
                + samples);
        }
        this.generators = List.copyOf(generators);
        this.samples = samples;
        double[] stack = new double[generators.size() * 9];
        for (int i = 0; i < generators.size(); i++) {
            System.arraycopy(generators.get(i).matrix(), 0, stack, 9 * i, 9);
        }
        this.generatorStack = Tensor.of(stack, generators.size(), 9);
    }

    /** The chosen generators, in order: entry {@code i} of {@code η} and {@code ε} belongs to generator {@code i}. */
    public List<AffineGenerator> generators() {
        return generators;
    }

    /** {@code k}, the number of extents. */
    public int size() {
        return generators.size();
    }

    /** {@code S}, the samples per image. */
    public int samples() {
        return samples;
    }

    /** Fresh noise {@code ε ~ U[−1, 1]} of shape {@code [M, S, k]} from a seeded stream. */
    public Tensor sampleNoise(Rng rng, int m) {
        if (m < 1) {
            throw new IllegalArgumentException("AffineAugmentation.sampleNoise: batch size must be positive, got " + m);
        }
        return rng.uniform(-1.0, 1.0, m, samples, generators.size());
    }

    private void checkEta(Var eta) {
        if (eta.rank() != 1 || eta.dim(0) != generators.size()) {
            throw new IllegalArgumentException("AffineAugmentation: η must have shape [" + generators.size()
                + "] (one extent per generator " + generators + "), got " + Arrays.toString(eta.shape()));
        }
        for (double v : eta.value().toArray()) {
            if (!Double.isFinite(v) || v < 0) {
                throw new IllegalArgumentException("AffineAugmentation: extents must be finite and ≥ 0, got "
                    + eta.value());
            }
        }
    }

    private int checkNoise(Tensor noise) {
        int[] s = noise.shape();
        if (s.length != 3 || s[1] != samples || s[2] != generators.size()) {
            throw new IllegalArgumentException("AffineAugmentation: noise must have shape [M, " + samples + ", "
                + generators.size() + "], got " + Arrays.toString(s));
        }
        return s[0];
    }

    /**
     * The affine maps {@code θ = T[0:2, :]} of every sample, {@code [M·S, 2, 3]}, with
     * {@code T = exp(Σ_i ε_i η_i G_i)}.
     */
    public Var transforms(Var eta, Tensor noise) {
        checkEta(eta);
        int m = checkNoise(noise);
        int rows = m * samples;
        Var coefficients = Var.of(noise.reshape(rows, generators.size())).mul(eta);
        Var algebra = coefficients.matmul(Var.of(generatorStack)).reshape(rows, 3, 3);
        return MatrixExponential.exp(algebra).slice(1, 0, 2);
    }

    /**
     * The augmented images {@code [M·S, C, H, W]}: image {@code n} warped by sample {@code s}'s
     * transform at row {@code n·S + s}.
     */
    public Var apply(Var images, Var eta, Tensor noise) {
        int[] shape = images.shape();
        if (shape.length != 4) {
            throw new IllegalArgumentException("AffineAugmentation: images must be NCHW of rank 4, got shape "
                + Arrays.toString(shape));
        }
        int m = checkNoise(noise);
        if (m != shape[0]) {
            throw new IllegalArgumentException("AffineAugmentation: noise for " + m + " images but " + shape[0]
                + " images given");
        }
        int[] repeat = new int[m * samples];
        for (int i = 0; i < repeat.length; i++) {
            repeat[i] = i / samples;
        }
        return Images.affineWarp(images.indexSelect(0, repeat), transforms(eta, noise));
    }

    /** {@link #apply(Var, Var, Tensor)} on values (no graph). */
    public Tensor apply(Tensor images, Tensor eta, Tensor noise) {
        return apply(Var.of(images), Var.of(eta), noise).value();
    }

    @Override
    public String toString() {
        return "AffineAugmentation" + generators.stream().map(AffineGenerator::label).toList() + ", S=" + samples;
    }
}
