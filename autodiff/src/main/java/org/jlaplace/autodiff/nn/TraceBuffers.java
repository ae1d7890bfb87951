package org.jlaplace.autodiff.nn;

import java.util.HashMap;
import java.util.Map;

/**
 * Reusable float32 buffers for the traces of one {@link Sequential}, one set per batch size: the
 * rounded input, every layer's output and saved state, the per-layer cotangents and the parameter
 * gradients of a training step. A training loop that traces every minibatch with
 * {@link Sequential#trace(Tensor, TraceBuffers)} then allocates nothing per step.
 *
 * <p>A trace made with these buffers, and the arrays it hands out, stay valid only until the next
 * trace with the same buffers and batch size: use one trace at a time per batch size.
 */
public final class TraceBuffers {
    private final Sequential model;
    private final Map<Integer, Slot> slots = new HashMap<>();

    /** Empty buffers for traces of {@code model}. */
    public TraceBuffers(Sequential model) {
        if (model == null) {
            throw new IllegalArgumentException("TraceBuffers: a network is required");
        }
        this.model = model;
    }

    /** The network these buffers belong to. */
    public Sequential model() {
        return model;
    }

    /** The buffers of batch size {@code m}, created on first use. */
    synchronized Slot slot(int m) {
        return slots.computeIfAbsent(m, k -> new Slot(model, k));
    }

    /** The buffers of one batch size; arrays are allocated by the first pass that needs them. */
    static final class Slot {
        final float[] input;
        final float[][] values;
        final Object[] saved;
        final float[][] cotangents;
        final float[][] gradients;

        Slot(Sequential model, int m) {
            int layers = model.numLayers();
            this.input = new float[m * model.inputSize()];
            this.values = new float[layers + 1][];
            this.saved = new Object[layers];
            this.cotangents = new float[layers][];
            this.gradients = new float[model.parameters().size()][];
        }
    }
}
