package org.jlaplace.autodiff.augment;

import java.util.ArrayList;
import java.util.List;
import org.jlaplace.autodiff.AD;
import org.jlaplace.autodiff.Var;
import org.jlaplace.autodiff.nn.Layer;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Tensor;

/**
 * Per-example Jacobians of an augmented network in its parameters,
 * {@code J̄_n = ∂f̄(x_n)/∂θ = (1/S) Σ_s ∂f(x_ns)/∂θ} ({@code [M, C, P]}, PyTorch parameter order),
 * as graph nodes that stay differentiable in whatever the augmented images depend on — the
 * extents {@code η} above all. This is what invariance learning differentiates: the marginal
 * likelihood depends on {@code η} through {@code J̄}, so its gradient is a derivative of a
 * derivative.
 *
 * <p>How: every Linear/Conv2d output {@code z} gets a zero-valued tracked tap {@code d}
 * ({@code z' = z + d}), and one reverse sweep per output {@code c}, recorded
 * ({@code createGraph}), gives the output cotangents {@code b = ∂(Σ_{n,s} f_c(x_ns)/S)/∂d} of every
 * layer for all {@code M·S} images at once (the {@code 1/S} of the mean is in the seed, so the
 * sums below carry no further factor). A layer's per-example weight Jacobian is then the
 * outer product of cotangent and the layer's Kronecker input rows {@code a_{ns,t}}
 * ({@link Layer#kroneckerInputs}: the input for Linear, the patches for Conv2d) summed over the
 * image's samples and the {@code T} positions:
 * {@code J̄_n[c] = (1/S) Σ_s Σ_t b_ns[:, t] a_{ns,t}ᵀ}, bias {@code (1/S) Σ_s Σ_t b_ns[:, t]}.
 * These are batched matmuls, so the whole construction is M-parallel and differentiable again
 * (reverse over reverse).
 */
public final class AugmentedJacobians {
    private final Var output;
    private final Var jacobian;

    private AugmentedJacobians(Var output, Var jacobian) {
        this.output = output;
        this.jacobian = jacobian;
    }

    /** {@code f̄(x)} at the network's parameters, {@code [M, C]}, differentiable in {@code η}. */
    public Var output() {
        return output;
    }

    /** {@code J̄}, {@code [M, C, P]} (row {@code n}, output {@code c}), differentiable in {@code η}. */
    public Var jacobian() {
        return jacobian;
    }

    /**
     * The Jacobians of {@code model} at the network's current parameters for inputs {@code x}
     * ({@code [M, C·H·W]} or {@code [M, C, H, W]}), extents {@code eta} and noise {@code [M, S, k]}.
     *
     * @throws IllegalArgumentException when the network's output is not a vector or a layer has
     *                                  parameters but no Kronecker factors
     */
    public static AugmentedJacobians of(AugmentedModel model, Var x, Var eta, Tensor noise) {
        Sequential net = model.network();
        if (net.outputShape().length != 1) {
            throw new IllegalArgumentException("AugmentedJacobians: the network output must be a vector, got shape "
                + java.util.Arrays.toString(net.outputShape()));
        }
        int samples = model.samples();
        Var h = model.augmentedInputs(x, eta, noise);
        int rows = h.dim(0);
        int m = rows / samples;
        List<Var> params = net.parameterConstants();
        List<Integer> parametric = new ArrayList<>();
        List<Var> inputs = new ArrayList<>();
        List<Var> taps = new ArrayList<>();
        for (int i = 0; i < net.numLayers(); i++) {
            Layer layer = net.layers().get(i);
            int[] idx = net.layerParameterIndices(i);
            List<Var> own = new ArrayList<>();
            for (int k : idx) {
                own.add(params.get(k));
            }
            Var in = h;
            h = new Sequential(net.shapeBefore(i), layer).forward(h, own);
            if (idx.length > 0) {
                Var rowsIn;
                try {
                    rowsIn = layer.kroneckerInputs(in);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("AugmentedJacobians: layer " + i + ": " + e.getMessage(), e);
                }
                Var tap = Var.variable(Tensor.zeros(h.shape()));
                h = h.add(tap);
                parametric.add(i);
                inputs.add(rowsIn);
                taps.add(tap);
            }
        }
        int outputs = h.dim(1);
        Var[] tapArray = taps.toArray(new Var[0]);
        Var[] perOutput = new Var[outputs];
        for (int c = 0; c < outputs; c++) {
            Var[] cot = AD.gradients(h.select(1, c).sum().mul(1.0 / samples), true, tapArray);
            List<Var> groups = new ArrayList<>();
            for (int j = 0; j < parametric.size(); j++) {
                boolean bias = net.layerParameterIndices(parametric.get(j)).length > 1;
                rows(inputs.get(j), cot[j], m, samples, bias, groups);
            }
            perOutput[c] = Var.concat(1, groups.toArray(new Var[0]));
        }
        return new AugmentedJacobians(model.averageSamples(h), Var.stack(1, perOutput));
    }

    /**
     * Weight rows {@code Σ_s Σ_t b_ns[:, t] a_{ns,t}ᵀ} ({@code [M, out·in]}) and bias rows
     * {@code Σ_{s,t} b_ns[:, t]} from the Kronecker input rows {@code a} ({@code [M·S, T, in]}) and
     * the output cotangents {@code b} ({@code [M·S, out, …]} with {@code T} trailing entries; b
     * holds the 1/S).
     */
    private static void rows(Var a, Var b, int m, int s, boolean bias, List<Var> out) {
        int positions = a.dim(1);
        int width = a.dim(2);
        int o = b.dim(1);
        Var bs = b.reshape(m, s, o, positions);
        Var lhs = bs.permute(0, 2, 1, 3).reshape(m, o, s * positions);
        Var weight = lhs.matmul(a.reshape(m, s * positions, width));
        out.add(weight.reshape(m, o * width));
        if (bias) {
            out.add(bs.sum(new int[] {1, 3}, false));
        }
    }
}
