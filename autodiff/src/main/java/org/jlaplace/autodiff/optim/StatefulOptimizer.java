package org.jlaplace.autodiff.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jlaplace.core.Tensor;
import org.jlaplace.core.linalg.Parallel;

/**
 * The bookkeeping shared by the optimisers: argument checks, per-parameter state arrays bound to
 * the shapes of the first step, the step counter and learning-rate schedule, and writing updated
 * values back into tensors that may be views.
 *
 * <p>Every optimiser also has a float32 update ({@link #step32}) for float32 training: the state
 * arrays are float, every operation on the parameters, gradients and state is in float arithmetic,
 * and the parameters' float64 storage receives the float results widened exactly. Only the
 * per-step scalars (learning rate, bias corrections) are formed in double and rounded once, as
 * PyTorch forms them in Python floats. The state moves between the dtypes exactly when a run
 * switches (a float32 state widened into a snapshot and narrowed back is unchanged).
 */
public abstract class StatefulOptimizer implements Optimizer {

    private final String name;
    private final LearningRateSchedule schedule;
    private final int stateArrays;
    private List<int[]> shapes;
    private List<double[][]> state;
    /** The float32 state, used instead of {@link #state} while the steps are float32 ones. */
    private List<float[][]> state32;
    private long steps;

    /** Rough cost of one entry of an update, for splitting large parameters over the thread pool. */
    private static final long UPDATE_WORK_PER_ENTRY = 8;

    /**
     * @param name        the optimiser's name for error messages
     * @param schedule    the learning rate per step
     * @param stateArrays the number of state arrays per parameter (momentum buffers and the like)
     */
    protected StatefulOptimizer(String name, LearningRateSchedule schedule, int stateArrays) {
        this.name = name;
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.stateArrays = stateArrays;
    }

    /**
     * Updates one parameter in place.
     *
     * @param x     the parameter values (row-major), to be overwritten
     * @param g     the gradient (row-major); may be modified
     * @param state this parameter's state arrays, zero before the first step
     * @param lr    the learning rate of this step
     * @param t     the 1-based number of this step
     */
    protected abstract void update(double[] x, double[] g, double[][] state, double lr, long t);

    /**
     * The float32 twin of {@link #update} on entries {@code [from, to)} of float arrays only (so that
     * the JIT can vectorise it). Entries are independent, so the thread split does not change the
     * result.
     *
     * @param x     the parameter rounded to float, updated in place
     * @param g     the float32 gradient (not modified)
     * @param state this parameter's float32 state arrays
     * @param lr    the learning rate of this step, in double (rounded by the update where it is used)
     * @param t     the 1-based number of this step
     */
    protected abstract void update32(float[] x, float[] g, float[][] state, double lr, long t, int from, int to);

    @Override
    public final void step(List<Tensor> parameters, List<Tensor> gradients) {
        check(parameters, gradients);
        useFloat64State();
        double lr = rate();
        long t = steps + 1;
        for (int k = 0; k < parameters.size(); k++) {
            Tensor p = parameters.get(k);
            // A dense parameter is updated in its own storage; a view through a copy written back.
            boolean dense = p.isDense();
            double[] x = dense ? p.data() : p.toArray();
            update(x, gradients.get(k).toArray(), state.get(k), lr, t);
            if (!dense) {
                writeBack(p, x);
            }
        }
        steps = t;
    }

    /**
     * One float32 update of every {@code parameters.get(k)} (dense tensors, e.g. a network's
     * {@code Parameter.value()}) from the float32 gradient {@code gradients[k]} (row-major, not
     * modified). {@code values32[k]} must hold the parameter rounded to float (for a network, the
     * arrays of {@code Trace.parameters32()}): the update runs on it in float, then its entries are
     * widened into the parameter's storage, so both hold the same float32 values. Large parameters
     * are updated on the thread pool.
     *
     * @throws IllegalArgumentException as {@link #step}: sizes that do not match, a parameter that is a
     *                                  view, or a non-finite gradient ({@link NonFiniteGradientException})
     */
    public final void step32(List<Tensor> parameters, float[][] values32, float[][] gradients) {
        if (parameters.size() != gradients.length || parameters.size() != values32.length) {
            throw new IllegalArgumentException(name + ".step32: " + parameters.size() + " parameters, "
                    + values32.length + " float32 values and " + gradients.length + " gradients");
        }
        for (int k = 0; k < parameters.size(); k++) {
            Tensor p = parameters.get(k);
            if (!p.isDense()) {
                throw new IllegalArgumentException(name + ".step32: parameter " + k + " is a view; float32 steps update"
                        + " dense storage only");
            }
            if (gradients[k].length != p.size() || values32[k].length != p.size()) {
                throw new IllegalArgumentException(name + ".step32: parameter " + k + " has " + p.size()
                        + " entries but its float32 values have " + values32[k].length + " and its gradient "
                        + gradients[k].length);
            }
            float[] g = gradients[k];
            for (int i = 0; i < g.length; i++) {
                if (!Float.isFinite(g[i])) {
                    throw new NonFiniteGradientException(name + ".step32: gradient " + k + " holds " + g[i]
                            + " at flat index " + i);
                }
            }
        }
        checkShapes(parameters);
        useFloat32State();
        double lr = rate();
        long t = steps + 1;
        for (int k = 0; k < parameters.size(); k++) {
            double[] storage = parameters.get(k).data();
            float[] x = values32[k];
            float[] g = gradients[k];
            float[][] s = state32.get(k);
            Parallel.forRange(x.length, UPDATE_WORK_PER_ENTRY, Parallel.threads(), (from, to) -> {
                update32(x, g, s, lr, t, from, to);
                for (int i = from; i < to; i++) {
                    storage[i] = x[i];
                }
            });
        }
        steps = t;
    }

    private double rate() {
        double lr = schedule.rate(steps);
        if (!(lr >= 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException(name + ": the schedule gave learning rate " + lr + " at step " + steps);
        }
        return lr;
    }

    /** Makes the float64 state current, widening a float32 one (exactly). */
    private void useFloat64State() {
        if (state32 != null) {
            state = widen(state32);
            state32 = null;
        }
    }

    /** Makes the float32 state current, narrowing a float64 one (exact when it came from float32 steps). */
    private void useFloat32State() {
        if (state32 == null) {
            List<float[][]> narrowed = new ArrayList<>(state.size());
            for (double[][] group : state) {
                float[][] g = new float[group.length][];
                for (int a = 0; a < group.length; a++) {
                    g[a] = new float[group[a].length];
                    for (int i = 0; i < g[a].length; i++) {
                        g[a][i] = (float) group[a][i];
                    }
                }
                narrowed.add(g);
            }
            state32 = narrowed;
            state = null;
        }
    }

    private static List<double[][]> widen(List<float[][]> in) {
        List<double[][]> out = new ArrayList<>(in.size());
        for (float[][] group : in) {
            double[][] g = new double[group.length][];
            for (int a = 0; a < group.length; a++) {
                g[a] = new double[group[a].length];
                for (int i = 0; i < g[a].length; i++) {
                    g[a][i] = group[a][i];
                }
            }
            out.add(g);
        }
        return out;
    }

    @Override
    public final long steps() {
        return steps;
    }

    @Override
    public final double learningRate() {
        return schedule.rate(steps);
    }

    /** A copy of the step count and every state array, for {@link #restore}. */
    public final OptimizerSnapshot snapshot() {
        if (shapes == null) {
            return new OptimizerSnapshot(steps, List.of(), List.of());
        }
        return new OptimizerSnapshot(steps, shapes, state32 != null ? widen(state32) : state);
    }

    /**
     * Continues from {@code snapshot}: the step count (and so the schedule's position) and the
     * state arrays become copies of the snapshot's.
     *
     * @throws IllegalArgumentException when a parameter's state arrays do not match its shape or this
     *                                  optimiser's number of state arrays
     */
    public final void restore(OptimizerSnapshot snapshot) {
        List<int[]> newShapes = snapshot.shapes();
        List<double[][]> newState = snapshot.arrays();
        for (int k = 0; k < newShapes.size(); k++) {
            int size = 1;
            for (int d : newShapes.get(k)) {
                size = Math.multiplyExact(size, d);
            }
            if (newState.get(k).length != stateArrays) {
                throw new IllegalArgumentException(name + ".restore: parameter " + k + " has " + newState.get(k).length
                        + " state arrays, expected " + stateArrays);
            }
            for (double[] a : newState.get(k)) {
                if (a.length != size) {
                    throw new IllegalArgumentException(name + ".restore: parameter " + k + " of shape "
                            + Arrays.toString(newShapes.get(k)) + " has a state array of " + a.length + " values");
                }
            }
        }
        shapes = newShapes.isEmpty() ? null : new ArrayList<>(newShapes);
        state = newShapes.isEmpty() ? null : new ArrayList<>(newState);
        state32 = null;
        steps = snapshot.steps();
    }

    private void check(List<Tensor> parameters, List<Tensor> gradients) {
        if (parameters.size() != gradients.size()) {
            throw new IllegalArgumentException(name + ".step: " + parameters.size() + " parameters but "
                    + gradients.size() + " gradients");
        }
        for (int k = 0; k < parameters.size(); k++) {
            int[] ps = parameters.get(k).shape();
            int[] gs = gradients.get(k).shape();
            if (!Arrays.equals(ps, gs)) {
                throw new IllegalArgumentException(name + ".step: parameter " + k + " has shape " + Arrays.toString(ps)
                        + " but its gradient has shape " + Arrays.toString(gs));
            }
            double[] g = gradients.get(k).contiguous().data();
            int bad = firstNonFinite(g);
            if (bad >= 0) {
                throw new NonFiniteGradientException(name + ".step: gradient " + k + " holds " + g[bad]
                        + " at flat index " + bad);
            }
        }
        checkShapes(parameters);
    }

    /**
     * The first index of a NaN or infinity in {@code g}, or −1. A small method of its own: called
     * every step, it is compiled as a method instead of having the check's loop replaced on the
     * stack, and recompiled, each time a list of another class reaches {@link #check}.
     */
    private static int firstNonFinite(double[] g) {
        for (int i = 0; i < g.length; i++) {
            if (!Double.isFinite(g[i])) {
                return i;
            }
        }
        return -1;
    }

    /** Binds the state to the shapes of the first step, or checks that they have not changed. */
    private void checkShapes(List<Tensor> parameters) {
        if (shapes == null) {
            shapes = new ArrayList<>();
            state = new ArrayList<>();
            for (Tensor p : parameters) {
                shapes.add(p.shape());
                double[][] s = new double[stateArrays][p.size()];
                state.add(s);
            }
            return;
        }
        if (parameters.size() != shapes.size()) {
            throw new IllegalArgumentException(name + ".step: the optimiser state holds " + shapes.size()
                    + " parameters but " + parameters.size() + " were passed");
        }
        for (int k = 0; k < parameters.size(); k++) {
            if (!Arrays.equals(shapes.get(k), parameters.get(k).shape())) {
                throw new IllegalArgumentException(name + ".step: parameter " + k + " has shape "
                        + Arrays.toString(parameters.get(k).shape()) + " but had shape "
                        + Arrays.toString(shapes.get(k)) + " in earlier steps");
            }
        }
    }

    /** Writes row-major {@code values} into a tensor that does not expose its storage. */
    private static void writeBack(Tensor p, double[] values) {
        int[] shape = p.shape();
        int[] idx = new int[shape.length];
        for (double v : values) {
            p.set(v, idx);
            for (int a = shape.length - 1; a >= 0; a--) {
                if (++idx[a] < shape[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
    }
}
