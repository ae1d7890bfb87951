package org.jlaplace.autodiff.augment;

import java.util.Arrays;
import java.util.List;
import org.jlaplace.autodiff.Var;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.autodiff.nn.Trace;
import org.jlaplace.core.Tensor;

/**
 * The augmented network {@code f̄(x) = (1/S) Σ_s f(T(x; η ⊙ ε_s))} of a {@link Sequential}
 * {@code f} and an {@link AffineAugmentation} {@code T}. The images have shape
 * {@code imageShape = [C, H, W]}; the network may take them as images or flattened (an MLP with
 * input {@code [C·H·W]}): the augmented batch is reshaped to the network's input shape. Inputs are
 * accepted as {@code [M, C, H, W]} or {@code [M, C·H·W]}.
 *
 * <p>All {@code M·S} augmented images go through the network in one batch.
 */
public final class AugmentedModel {
    private final Sequential network;
    private final AffineAugmentation augmentation;
    private final int[] imageShape;

    /**
     * @throws IllegalArgumentException when the image shape is not {@code [C, H, W]} or does not hold as
     *                                  many values as the network's input
     */
    public AugmentedModel(Sequential network, AffineAugmentation augmentation, int[] imageShape) {
        if (imageShape == null || imageShape.length != 3 || Arrays.stream(imageShape).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("AugmentedModel: image shape must be [C, H, W] with positive sizes, got "
                + Arrays.toString(imageShape));
        }
        if (imageShape[0] * imageShape[1] * imageShape[2] != network.inputSize()) {
            throw new IllegalArgumentException("AugmentedModel: images of shape " + Arrays.toString(imageShape)
                + " do not fit the network input " + Arrays.toString(network.inputShape()));
        }
        this.network = network;
        this.augmentation = augmentation;
        this.imageShape = imageShape.clone();
    }

    /** The underlying network {@code f}. */
    public Sequential network() {
        return network;
    }

    /** The augmentation {@code T}. */
    public AffineAugmentation augmentation() {
        return augmentation;
    }

    /** {@code [C, H, W]}. */
    public int[] imageShape() {
        return imageShape.clone();
    }

    /** {@code S}. */
    public int samples() {
        return augmentation.samples();
    }

    /** The inputs as NCHW images {@code [M, C, H, W]} (a view when possible). */
    public Var asImages(Var x) {
        int[] s = x.shape();
        int size = imageShape[0] * imageShape[1] * imageShape[2];
        boolean flat = s.length == 2 && s[1] == size;
        boolean image = s.length == 4 && Arrays.equals(Arrays.copyOfRange(s, 1, 4), imageShape);
        if (!flat && !image) {
            throw new IllegalArgumentException("AugmentedModel: expected inputs [M, " + size + "] or [M, "
                + imageShape[0] + ", " + imageShape[1] + ", " + imageShape[2] + "], got " + Arrays.toString(s));
        }
        return x.reshape(s[0], imageShape[0], imageShape[1], imageShape[2]);
    }

    /** The augmented batch {@code [M·S, input…]} in the network's input shape, row {@code n·S + s}. */
    public Var augmentedInputs(Var x, Var eta, Tensor noise) {
        Var images = augmentation.apply(asImages(x), eta, noise);
        int[] in = network.inputShape();
        int[] shape = new int[in.length + 1];
        shape[0] = images.dim(0);
        System.arraycopy(in, 0, shape, 1, in.length);
        return images.reshape(shape);
    }

    /**
     * The graph forward pass {@code f̄(x)} ({@code [M, C]}) at the given parameters (one node per
     * parameter, in {@link Sequential#parameters()} order), differentiable in {@code x}, {@code η}
     * and the parameters.
     */
    public Var forward(Var x, Var eta, Tensor noise, List<Var> parameters) {
        Var out = network.forward(augmentedInputs(x, eta, noise), parameters);
        return averageSamples(out);
    }

    /** {@code [M·S, C]} → {@code [M, C]} by the mean over each image's samples. */
    public Var averageSamples(Var perSample) {
        int rows = perSample.dim(0);
        int c = perSample.size() / rows;
        return perSample.reshape(rows / samples(), samples(), c).mean(1);
    }

    /** {@code f̄(x)} on values at the network's current parameters (fast path, no graph). */
    public Tensor predict(Tensor x, Tensor eta, Tensor noise) {
        Tensor xs = augmentedInputs(Var.of(x), Var.of(eta), noise).value();
        return averageSamples(Var.of(network.forward(xs))).value();
    }

    /**
     * A forward pass on values that keeps what the parameter gradient needs (fast path):
     * {@link Pass#output()} is {@code f̄(x)} and {@link Pass#parameterGradients} pulls a cotangent of
     * {@code f̄} back to the parameters.
     */
    public Pass pass(Tensor x, Tensor eta, Tensor noise) {
        Tensor xs = augmentedInputs(Var.of(x), Var.of(eta), noise).value();
        Trace trace = network.trace(xs);
        return new Pass(trace, averageSamples(Var.of(trace.output())).value(), samples());
    }

    /** A forward pass of the augmented model on values, with its parameter pullback. */
    public static final class Pass {
        private final Trace trace;
        private final Tensor output;
        private final int samples;

        Pass(Trace trace, Tensor output, int samples) {
            this.trace = trace;
            this.output = output;
            this.samples = samples;
        }

        /** {@code f̄(x)}, {@code [M, C]}. */
        public Tensor output() {
            return output;
        }

        /**
         * {@code Σ_n ⟨g_n, ∂f̄(x_n)/∂θ⟩} per parameter tensor for a cotangent {@code g} of shape
         * {@code [M, C]}: each sample receives {@code g_n / S}.
         */
        public List<Tensor> parameterGradients(Tensor cotangent) {
            if (!Arrays.equals(cotangent.shape(), output.shape())) {
                throw new IllegalArgumentException("AugmentedModel.Pass: cotangent of shape "
                    + Arrays.toString(cotangent.shape()) + " for output " + Arrays.toString(output.shape()));
            }
            int m = output.dim(0);
            int[] repeat = new int[m * samples];
            for (int i = 0; i < repeat.length; i++) {
                repeat[i] = i / samples;
            }
            Tensor perSample = cotangent.indexSelect(0, repeat).mul(1.0 / samples);
            return trace.backward(perSample.reshape(trace.output().shape()));
        }
    }
}
