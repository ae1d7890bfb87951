package org.jlaplace.autodiff.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jlaplace.core.Tensor;

/**
 * The bookkeeping shared by the optimisers: argument checks, per-parameter state arrays bound to
 * the shapes of the first step, the step counter and learning-rate schedule, and writing updated
 * values back into tensors that may be views.
 */
public abstract class StatefulOptimizer implements Optimizer {

    private final String name;
    private final LearningRateSchedule schedule;
    private final int stateArrays;
    private List<int[]> shapes;
    private List<double[][]> state;
    private long steps;

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

    @Override
    public final void step(List<Tensor> parameters, List<Tensor> gradients) {
        check(parameters, gradients);
        double lr = schedule.rate(steps);
        if (!(lr >= 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException(name + ": the schedule gave learning rate " + lr + " at step " + steps);
        }
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
        return new OptimizerSnapshot(steps, shapes, state);
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
            for (int i = 0; i < g.length; i++) {
                if (!Double.isFinite(g[i])) {
                    throw new NonFiniteGradientException(name + ".step: gradient " + k + " holds " + g[i]
                            + " at flat index " + i);
                }
            }
        }
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
