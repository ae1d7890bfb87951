package org.jlaplace.autodiff.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jlaplace.core.Tensor;

/**
 * One batched forward pass of a {@link Sequential} at its current parameters, keeping every
 * layer's input. It answers, without an AD graph:
 * <ul>
 *   <li>{@link #backward(Tensor)}: gradients {@code Σ_n J_nᵀ g_n} for one output cotangent per example
 *       (training with any loss);</li>
 *   <li>{@link #backwardMany(Tensor)}: {@code R} cotangents per example pulled back to every layer's
 *       output at once ({@code [M, C, R]} in, per-layer {@code [M, R, …]} out);</li>
 *   <li>{@link #jvp(Tensor)}, {@link #jvpMany(Tensor)}: output tangents {@code J v} for parameter
 *       directions {@code v};</li>
 *   <li>{@link #vjpMany(Tensor)}: parameter cotangents {@code Jᵀ u} for many output cotangents;</li>
 *   <li>{@link #kfacInput(int)}: the input activations of a Linear layer, or the im2col patches
 *       of a Conv2d layer, which with {@link BatchedCotangents#layerOutput(int)} give per-example
 *       weight gradients as outer products (KFAC, structured NTK).</li>
 * </ul>
 * The trace reads the parameter values when it is created and again when a rule needs them;
 * change the parameters only between traces.
 *
 * <p>A {@link Dtype#FLOAT32} trace ({@link Sequential#trace(Tensor, Dtype)}) runs every layer on
 * {@code float[]} buffers with the parameters and inputs rounded to float; its answers are the same
 * methods, widened exactly to float64 tensors. Training uses its float answers directly
 * ({@link #output32()}, {@link #backward32(float[])}), with no widening, and, made with
 * {@link TraceBuffers}, no allocation per step.
 */
public final class Trace {
    private final Sequential model;
    private final int m;
    private final Dtype dtype;
    /** FLOAT64: every layer's input and the output; null for FLOAT32. */
    private final double[][] values;
    /** FLOAT32: every layer's input and the output; null for FLOAT64. */
    private final float[][] values32;
    /** FLOAT32: each layer's parameters rounded to float, as {@code [weight, bias]}. */
    private final float[][][] params32;
    /** FLOAT32 with reusable buffers, else null. */
    private final TraceBuffers.Slot slot;
    private final Object[] saved;
    /** FLOAT32: the Kronecker-factor inputs widened on first request, per layer. */
    private double[][] widenedInputs;

    Trace(Sequential model, double[] input, int m) {
        this.model = model;
        this.m = m;
        this.dtype = Dtype.FLOAT64;
        int layers = model.numLayers();
        this.values = new double[layers + 1][];
        this.values32 = null;
        this.params32 = null;
        this.slot = null;
        this.saved = new Object[layers];
        values[0] = input;
        for (int i = 0; i < layers; i++) {
            LayerOp op = model.op(i);
            values[i + 1] = new double[m * op.outSize];
            saved[i] = op.forward(values[i], m, model.layerStorage(i), values[i + 1]);
        }
    }

    /**
     * The float32 forward pass on {@code input} ({@code [M, inputSize]}, already rounded), with the
     * parameters rounded now; in {@code slot}'s buffers when it is not null.
     */
    Trace(Sequential model, float[] input, int m, TraceBuffers.Slot slot) {
        this.model = model;
        this.m = m;
        this.dtype = Dtype.FLOAT32;
        int layers = model.numLayers();
        this.values = null;
        this.slot = slot;
        this.values32 = slot != null ? slot.values : new float[layers + 1][];
        this.saved = slot != null ? slot.saved : new Object[layers];
        this.params32 = model.layerStorage32();
        values32[0] = input;
        for (int i = 0; i < layers; i++) {
            LayerOp op = model.op(i);
            if (values32[i + 1] == null || values32[i + 1].length != m * op.outSize) {
                values32[i + 1] = new float[m * op.outSize];
            }
            saved[i] = op.forward(values32[i], m, params32[i], values32[i + 1], saved[i]);
        }
    }

    public Sequential model() {
        return model;
    }

    /** The batch size {@code M}. */
    public int batchSize() {
        return m;
    }

    /** The dtype the layers ran in. */
    public Dtype dtype() {
        return dtype;
    }

    /**
     * The network output {@code [M, C]} of a float32 trace, row-major (the trace's own buffer: do not modify).
     *
     * @throws IllegalStateException for a float64 trace
     */
    public float[] output32() {
        require32("Trace.output32");
        return values32[model.numLayers()];
    }

    /**
     * The float32 gradients {@code Σ_n J_nᵀ g_n} of a float32 trace, one {@code float[]} per
     * parameter in parameter order, for the output cotangent {@code g} ({@code [M, C]} row-major,
     * read only). With {@link TraceBuffers} the arrays are the buffers' own and are overwritten by
     * the next backward pass of the same batch size.
     *
     * @throws IllegalStateException for a float64 trace
     * @throws IllegalArgumentException if {@code g} does not have {@code M·C} entries
     */
    public float[][] backward32(float[] outputCotangent) {
        require32("Trace.backward32");
        int c = model.outputSize();
        if (outputCotangent.length != m * c) {
            throw new IllegalArgumentException("Trace.backward32: expected " + m + "×" + c + " cotangent entries but got "
                    + outputCotangent.length);
        }
        float[][] perLayer = pullback32(outputCotangent, 1);
        return parameterCotangents32(perLayer, 1, null);
    }

    /**
     * The parameters rounded to float that a float32 trace computes with, one array per parameter in
     * parameter order: the network's own float32 mirror, refreshed from the float64 storage when the
     * trace was made. A float32 optimiser step updates them in place together with the storage
     * ({@code StatefulOptimizer.step32}).
     *
     * @throws IllegalStateException for a float64 trace
     */
    public float[][] parameters32() {
        require32("Trace.parameters32");
        List<Parameter> params = model.parameters();
        float[][] out = new float[params.size()][];
        for (int i = 0; i < model.numLayers(); i++) {
            int[] idx = model.layerParameterIndices(i);
            for (int k = 0; k < idx.length; k++) {
                out[idx[k]] = params32[i][k];
            }
        }
        return out;
    }

    private void require32(String operation) {
        if (dtype != Dtype.FLOAT32) {
            throw new IllegalStateException(operation + " needs a float32 trace; this one is " + dtype.cliName());
        }
    }

    /** The network output {@code [M, outputShape…]} (a view of the trace's buffer: do not modify). */
    public Tensor output() {
        return layerOutput(model.numLayers() - 1);
    }

    /** The input of layer {@code i}, {@code [M, shape…]} (a view of the trace's buffer: do not modify). */
    public Tensor layerInput(int i) {
        return Tensor.of(value(i), Sequential.batchShape(m, model.shapeBefore(i)));
    }

    /** The output of layer {@code i}, {@code [M, shape…]} (a view: do not modify). */
    public Tensor layerOutput(int i) {
        return Tensor.of(value(i + 1), Sequential.batchShape(m, model.shapeBefore(i + 1)));
    }

    /** Buffer {@code i} of the pass: the trace's own (float64) or a widened copy (float32). */
    private double[] value(int i) {
        return values != null ? values[i] : Widening.widen(values32[i]);
    }

    /**
     * The Kronecker-factor input of a parametric layer: for a {@link Linear} layer its input
     * activations {@code a_n}, {@code [M, in]}; for a {@link Conv2d} layer its im2col patches
     * {@code [M, S, D]} with {@code S = H_out·W_out} spatial positions (row-major) and
     * {@code D = C_in·k·k} ordered {@code (c, kh, kw)} like the flattened weight. The per-example
     * weight gradient for a cotangent {@code b} of the layer output is {@code b a_nᵀ} (Linear) or
     * {@code Σ_s b[:, s] p_{n,s}ᵀ} (Conv2d, {@code b} as {@code [C_out, S]}).
     */
    public Tensor kfacInput(int i) {
        LayerOp op = model.op(i);
        int[] k = op.kroneckerShape();
        if (k == null) {
            throw new IllegalArgumentException("Trace.kfacInput: layer " + i + " (" + model.layers().get(i)
                    + ") has no Kronecker factors (only Linear and Conv2d layers have)");
        }
        double[] a = kroneckerInputs(i);
        return k[0] == 1 ? Tensor.of(a, m, k[1]) : Tensor.of(a, m, k[0], k[1]);
    }

    /**
     * Gradients of {@code Σ_n ⟨g_n, f(x_n)⟩} in every parameter, for {@code g} of the output's
     * shape {@code [M, outputShape…]} (the loss gradient wrt the outputs), in parameter order.
     */
    public List<Tensor> backward(Tensor outputCotangent) {
        double[] g = checkOutputShaped("Trace.backward", outputCotangent);
        double[][] grads = values != null ? parameterCotangents(pullback(g, 1), 1, null)
                : widen(parameterCotangents32(pullback32(Widening.narrow(g), 1), 1, null));
        List<Tensor> out = new ArrayList<>();
        for (int k = 0; k < grads.length; k++) {
            out.add(Tensor.of(grads[k], model.parameters().get(k).shape()));
        }
        return out;
    }

    /** {@link #backward(Tensor)} concatenated into one {@code [P]} vector in parameter order. */
    public Tensor backwardFlat(Tensor outputCotangent) {
        double[] g = checkOutputShaped("Trace.backwardFlat", outputCotangent);
        double[][] grads = values != null ? parameterCotangents(pullback(g, 1), 1, null)
                : widen(parameterCotangents32(pullback32(Widening.narrow(g), 1), 1, null));
        return Tensor.of(flatten(grads, 1), model.numParameters());
    }

    /**
     * Pulls {@code R} output cotangents per example back through the network in one batched pass:
     * {@code a} is {@code [M, C, R]} ({@code a[n, :, r]} is the cotangent of direction {@code r} for
     * example {@code n}); the result holds, for every layer, the cotangent of that layer's output,
     * {@code [M, R, shape…]}.
     */
    public BatchedCotangents backwardMany(Tensor a) {
        int c = model.outputSize();
        int[] s = a.shape();
        if (s.length != 3 || s[0] != m || s[1] != c) {
            throw new IllegalArgumentException("Trace.backwardMany: expected cotangents of shape [" + m + ", " + c
                    + ", R] but got " + Arrays.toString(s));
        }
        int r = s[2];
        double[] src = a.toArray();
        double[] rows = new double[m * r * c];
        for (int n = 0; n < m; n++) {
            for (int j = 0; j < c; j++) {
                for (int q = 0; q < r; q++) {
                    rows[(n * r + q) * c + j] = src[(n * c + j) * r + q];
                }
            }
        }
        return values != null ? new BatchedCotangents(this, r, pullback(rows, r))
                : new BatchedCotangents(this, r, pullback32(Widening.narrow(rows), r));
    }

    /** Cotangents of the identity on the outputs: {@link #backwardMany} with {@code a[n] = I_C}. */
    public BatchedCotangents backwardIdentity() {
        int c = model.outputSize();
        double[] rows = new double[m * c * c];
        for (int n = 0; n < m; n++) {
            for (int q = 0; q < c; q++) {
                rows[(n * c + q) * c + q] = 1.0;
            }
        }
        return values != null ? new BatchedCotangents(this, c, pullback(rows, c))
                : new BatchedCotangents(this, c, pullback32(Widening.narrow(rows), c));
    }

    /**
     * Parameter cotangents {@code Jᵀ u_q = Σ_n J_nᵀ u[n, q]} for {@code Q} output cotangents per
     * example: {@code u} is {@code [M, Q, C]}, the result {@code [Q, P]}.
     */
    public Tensor vjpMany(Tensor u) {
        int c = model.outputSize();
        int[] s = u.shape();
        if (s.length != 3 || s[0] != m || s[2] != c) {
            throw new IllegalArgumentException("Trace.vjpMany: expected cotangents of shape [" + m + ", Q, " + c
                    + "] but got " + Arrays.toString(s));
        }
        int q = s[1];
        double[][] grads = values != null ? parameterCotangents(pullback(u.toArray(), q), q, null)
                : widen(parameterCotangents32(pullback32(Widening.narrow(u.toArray()), q), q, null));
        return Tensor.of(flatten(grads, q), q, model.numParameters());
    }

    /** The output tangent {@code J_n v} for one parameter direction {@code v} of shape {@code [P]}: {@code [M, C]}. */
    public Tensor jvp(Tensor v) {
        if (v.rank() != 1 || v.dim(0) != model.numParameters()) {
            throw new IllegalArgumentException("Trace.jvp: expected a tangent of shape [" + model.numParameters()
                    + "] but got " + Arrays.toString(v.shape()));
        }
        double[] out = push(split(v.toArray(), 1), 1);
        return Tensor.of(out, Sequential.batchShape(m, model.outputShape()));
    }

    /** Output tangents for {@code Q} parameter directions {@code [Q, P]}: {@code [M, Q, C]}, entry {@code J_n v_q}. */
    public Tensor jvpMany(Tensor v) {
        if (v.rank() != 2 || v.dim(1) != model.numParameters()) {
            throw new IllegalArgumentException("Trace.jvpMany: expected tangents of shape [Q, " + model.numParameters()
                    + "] but got " + Arrays.toString(v.shape()));
        }
        int q = v.dim(0);
        return Tensor.of(push(split(v.toArray(), q), q), m, q, model.outputSize());
    }

    /**
     * Output tangents for {@code Q} parameter directions given per parameter: entry {@code k} is
     * {@code [Q, size_k]} (any shape with {@code Q·size_k} entries, first axis {@code Q}) or
     * {@code null} for a zero tangent in that parameter, which skips its work (layers before the
     * first non-zero tangent are not visited). Returns {@code [M, Q, C]}.
     */
    public Tensor jvpMany(List<Tensor> perParameter) {
        List<Parameter> params = model.parameters();
        if (perParameter.size() != params.size()) {
            throw new IllegalArgumentException("Trace.jvpMany: expected " + params.size() + " parameter tangents but got "
                    + perParameter.size());
        }
        int q = -1;
        double[][] v = new double[params.size()][];
        for (int k = 0; k < v.length; k++) {
            Tensor t = perParameter.get(k);
            if (t == null) {
                continue;
            }
            int rows = t.rank() == 0 ? -1 : t.dim(0);
            if (rows <= 0 || t.size() != rows * params.get(k).size() || (q >= 0 && rows != q)) {
                throw new IllegalArgumentException("Trace.jvpMany: tangent of " + params.get(k).name() + " has shape "
                        + Arrays.toString(t.shape()) + "; expected [Q, " + params.get(k).size() + "]"
                        + (q >= 0 ? " with Q = " + q : ""));
            }
            q = rows;
            v[k] = t.toArray();
        }
        if (q < 0) {
            throw new IllegalArgumentException("Trace.jvpMany: every parameter tangent is null, so Q is unknown");
        }
        return Tensor.of(push(v, q), m, q, model.outputSize());
    }

    // ---- package-private machinery shared with BatchedCotangents and the ntk package's helpers ----

    /**
     * Tangent pass with {@code r} directions: {@code v[k]} is {@code [r, size_k]} or {@code null}
     * (zero); returns the output tangents as rows {@code n·r + q}, {@code [M·r, C]}.
     */
    double[] push(double[][] v, int r) {
        if (values == null) {
            float[][] narrow = new float[v.length][];
            for (int k = 0; k < v.length; k++) {
                narrow[k] = v[k] == null ? null : Widening.narrow(v[k]);
            }
            return Widening.widen(push32(narrow, r));
        }
        double[] t = null;
        for (int i = 0; i < model.numLayers(); i++) {
            LayerOp op = model.op(i);
            double[][] vLayer = layerSlice(v, i);
            if (t == null && vLayer == null) {
                continue;
            }
            double[] next = new double[m * r * op.outSize];
            op.jvp(values[i], saved[i], m, r, t, model.layerStorage(i), vLayer, next);
            t = next;
        }
        return t == null ? new double[m * r * model.outputSize()] : t;
    }

    /** {@link #push} in float32. */
    private float[] push32(float[][] v, int r) {
        float[] t = null;
        for (int i = 0; i < model.numLayers(); i++) {
            LayerOp op = model.op(i);
            float[][] vLayer = layerSlice32(v, i);
            if (t == null && vLayer == null) {
                continue;
            }
            float[] next = new float[m * r * op.outSize];
            op.jvp(values32[i], saved[i], m, r, t, params32[i], vLayer, next);
            t = next;
        }
        return t == null ? new float[m * r * model.outputSize()] : t;
    }

    private float[][] layerSlice32(float[][] v, int layer) {
        int[] idx = model.layerParameterIndices(layer);
        float[][] slice = new float[2][];
        boolean any = false;
        for (int k = 0; k < idx.length; k++) {
            slice[k] = v[idx[k]];
            any |= slice[k] != null;
        }
        return any ? slice : null;
    }

    private double[][] layerSlice(double[][] v, int layer) {
        if (v == null) {
            return null;
        }
        int[] idx = model.layerParameterIndices(layer);
        double[][] slice = new double[2][];
        boolean any = false;
        for (int k = 0; k < idx.length; k++) {
            slice[k] = v[idx[k]];
            any |= slice[k] != null;
        }
        return any ? slice : null;
    }

    /**
     * Reverse pass of {@code r} cotangents per example given as rows {@code n·r + q} of the
     * output; entry {@code i} of the result is the cotangent of layer {@code i}'s output
     * ({@code [M·r, outSize_i]}).
     */
    double[][] pullback(double[] outputRows, int r) {
        int layers = model.numLayers();
        double[][] cot = new double[layers][];
        cot[layers - 1] = outputRows;
        for (int i = layers - 1; i > 0; i--) {
            LayerOp op = model.op(i);
            double[] gx = new double[m * r * op.inSize];
            op.backwardInput(values[i], saved[i], m, r, cot[i], model.layerStorage(i), gx);
            cot[i - 1] = gx;
        }
        return cot;
    }

    /**
     * {@link #pullback} in float32. With reusable buffers and {@code r = 1} (training) the
     * per-layer cotangents are the buffers' own.
     */
    float[][] pullback32(float[] outputRows, int r) {
        int layers = model.numLayers();
        boolean reuse = slot != null && r == 1;
        float[][] cot = reuse ? slot.cotangents : new float[layers][];
        cot[layers - 1] = outputRows;
        for (int i = layers - 1; i > 0; i--) {
            LayerOp op = model.op(i);
            float[] gx = cot[i - 1];
            if (!reuse || gx == null || gx.length != m * op.inSize) {
                gx = new float[m * r * op.inSize];
            }
            op.backwardInput(values32[i], saved[i], m, r, cot[i], params32[i], gx);
            cot[i - 1] = gx;
        }
        return cot;
    }

    /** {@link #inputCotangent} in float32. */
    float[] inputCotangent32(float[] firstLayerCotangent, int r) {
        LayerOp first = model.op(0);
        float[] gIn = new float[m * r * first.inSize];
        first.backwardInput(values32[0], saved[0], m, r, firstLayerCotangent, params32[0], gIn);
        return gIn;
    }

    /**
     * {@link #parameterCotangents} in float32; with reusable buffers and {@code r = 1} into the
     * buffers' gradient arrays (zeroed first).
     */
    float[][] parameterCotangents32(float[][] perLayer, int r, Integer only) {
        List<Parameter> params = model.parameters();
        boolean reuse = slot != null && r == 1 && only == null;
        float[][] grads = reuse ? slot.gradients : new float[params.size()][];
        for (int i = 0; i < model.numLayers(); i++) {
            int[] idx = model.layerParameterIndices(i);
            if (idx.length == 0) {
                continue;
            }
            float[][] layerGrads = new float[2][];
            boolean any = false;
            for (int k = 0; k < idx.length; k++) {
                if (only == null || only == idx[k]) {
                    int size = r * params.get(idx[k]).size();
                    if (reuse && grads[idx[k]] != null && grads[idx[k]].length == size) {
                        java.util.Arrays.fill(grads[idx[k]], 0f);
                    } else {
                        grads[idx[k]] = new float[size];
                    }
                    layerGrads[k] = grads[idx[k]];
                    any = true;
                }
            }
            if (any) {
                model.op(i).backwardParams(values32[i], saved[i], m, r, perLayer[i], params32[i], layerGrads);
            }
        }
        return grads;
    }

    /** Every non-null array widened. */
    static double[][] widen(float[][] parts) {
        double[][] out = new double[parts.length][];
        for (int k = 0; k < parts.length; k++) {
            out[k] = parts[k] == null ? null : Widening.widen(parts[k]);
        }
        return out;
    }

    /** The input cotangent {@code [M·r, inputSize]} from the cotangent of layer 0's output. */
    double[] inputCotangent(double[] firstLayerCotangent, int r) {
        LayerOp first = model.op(0);
        double[] gIn = new double[m * r * first.inSize];
        first.backwardInput(values[0], saved[0], m, r, firstLayerCotangent, model.layerStorage(0), gIn);
        return gIn;
    }

    /**
     * Parameter cotangents summed over examples, {@code [r, size_k]} per parameter, from per-layer
     * output cotangents; {@code only} restricts to one parameter index (others stay {@code null}).
     */
    double[][] parameterCotangents(double[][] perLayer, int r, Integer only) {
        List<Parameter> params = model.parameters();
        double[][] grads = new double[params.size()][];
        for (int i = 0; i < model.numLayers(); i++) {
            int[] idx = model.layerParameterIndices(i);
            if (idx.length == 0) {
                continue;
            }
            double[][] layerGrads = new double[2][];
            boolean any = false;
            for (int k = 0; k < idx.length; k++) {
                if (only == null || only == idx[k]) {
                    layerGrads[k] = new double[r * params.get(idx[k]).size()];
                    grads[idx[k]] = layerGrads[k];
                    any = true;
                }
            }
            if (any) {
                model.op(i).backwardParams(values[i], saved[i], m, r, perLayer[i], model.layerStorage(i), layerGrads);
            }
        }
        return grads;
    }

    /** Splits {@code [r, P]} row-major into per-parameter {@code [r, size_k]} arrays. */
    double[][] split(double[] flat, int r) {
        int p = model.numParameters();
        List<Parameter> params = model.parameters();
        double[][] parts = new double[params.size()][];
        for (int k = 0; k < params.size(); k++) {
            int size = params.get(k).size();
            int off = model.parameterOffset(k);
            parts[k] = new double[r * size];
            for (int q = 0; q < r; q++) {
                System.arraycopy(flat, q * p + off, parts[k], q * size, size);
            }
        }
        return parts;
    }

    /** Joins per-parameter {@code [r, size_k]} arrays ({@code null} = zero) into {@code [r, P]}. */
    double[] flatten(double[][] parts, int r) {
        int p = model.numParameters();
        double[] flat = new double[r * p];
        for (int k = 0; k < parts.length; k++) {
            if (parts[k] == null) {
                continue;
            }
            int size = model.parameters().get(k).size();
            int off = model.parameterOffset(k);
            for (int q = 0; q < r; q++) {
                System.arraycopy(parts[k], q * size, flat, q * p + off, size);
            }
        }
        return flat;
    }

    /**
     * Layer {@code i}'s Kronecker-factor inputs in float64: the op's own for a float64 trace, widened
     * once and kept for a float32 trace (every pull of the trace reads the same inputs).
     */
    synchronized double[] kroneckerInputs(int i) {
        LayerOp op = model.op(i);
        if (values != null) {
            return op.kroneckerInputs(values[i], saved[i]);
        }
        if (widenedInputs == null) {
            widenedInputs = new double[model.numLayers()][];
        }
        if (widenedInputs[i] == null) {
            widenedInputs[i] = Widening.widen(op.kroneckerInputs(values32[i], saved[i]));
        }
        return widenedInputs[i];
    }

    double[] rawValue(int i) {
        return values[i];
    }

    float[] rawValue32(int i) {
        return values32[i];
    }

    Object saved(int i) {
        return saved[i];
    }

    private double[] checkOutputShaped(String operation, Tensor g) {
        int[] expected = Sequential.batchShape(m, model.outputShape());
        if (!Arrays.equals(g.shape(), expected)) {
            throw new IllegalArgumentException(operation + ": expected an output cotangent of shape "
                    + Arrays.toString(expected) + " but got " + Arrays.toString(g.shape()));
        }
        return g.toArray();
    }
}
