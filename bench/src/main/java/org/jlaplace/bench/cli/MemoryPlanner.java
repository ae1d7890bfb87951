package org.jlaplace.bench.cli;

import java.util.Map;
import org.jlaplace.autodiff.io.ModelSpec;
import org.jlaplace.bench.memory.HeapBudget;
import org.jlaplace.bench.memory.MemoryEstimate;
import org.jlaplace.laplace.bound.BatchDimensions;
import org.jlaplace.laplace.bound.BoundEstimator;
import org.jlaplace.laplace.prior.PriorStructure;

/**
 * Peak-heap estimates of the commands from their shapes, checked before the large allocations.
 * Notation: {@code N} examples of {@code F} input values, {@code C} outputs, {@code P} parameters,
 * {@code A} activations per example (every layer's output, input included), batch size {@code M}.
 * The parts:
 * <ul>
 *   <li>data: {@code 3·N·F} doubles (as read, scaled or standardised, and the flat copy of the
 *       linearisation);</li>
 *   <li>network: {@code 6·P} doubles (parameters, gradients, optimiser moments, the linearisation point);</li>
 *   <li>a batch's passes: the forward activations {@code 3·M·A} and the batch Jacobian as the
 *       per-layer cotangents of its {@code M·C} output rows, {@code M·C·A} doubles (the network
 *       keeps the Jacobian factored by layer);</li>
 *   <li>the estimator's own working memory on one batch, as the estimator declares it
 *       ({@link BoundEstimator#workingBytes}; e.g. the kernel and parametric bounds hold the
 *       smaller of the {@code (M·R)²} and {@code P²} forms, Sylvester's determinant identity).
 *       The {@code bounds} grid streams its batches, so one batch's working memory is its peak;</li>
 *   <li>a training step on {@code B} examples: {@code 3·B·A} doubles;</li>
 *   <li>the full GLM predictive: {@code 2·NC·P + (NC)²} doubles when {@code NC ≤ P}, else
 *       {@code P²}; kron its Kronecker factors; diag {@code P}.</li>
 * </ul>
 * The estimate covers the arrays that dominate; {@link HeapBudget} keeps headroom for the rest.
 */
final class MemoryPlanner {
    private MemoryPlanner() {
    }

    /** Shapes of one command's work. */
    record Shapes(long n, long features, long outputs, long parameters, long activations,
                  Map<String, int[]> parameterShapes) {
        static Shapes of(ModelSpec spec, long n, long features) {
            int[] out = spec.outputShape();
            long c = 1;
            for (int d : out) {
                c = MemoryEstimate.saturatingMultiply(c, d);
            }
            return new Shapes(n, features, c, spec.parameterCount(), spec.activationsPerExample(), spec.parameterShapes());
        }
    }

    /** The shapes of {@code net} on {@code n} examples of {@code features} values. */
    static Shapes shapes(org.jlaplace.autodiff.nn.Sequential net, long n, long features) {
        return Shapes.of(org.jlaplace.autodiff.io.ModelIO.specOf(net), n, features);
    }

    /** Model construction and loading: parameters, their initialisation and the weights read from file. */
    static MemoryEstimate model(ModelSpec spec) {
        return new MemoryEstimate().doubles("network and its weights file (4·P)", MemoryEstimate.product(4, spec.parameterCount()));
    }

    /** Data and network, held for the whole command. */
    static MemoryEstimate base(Shapes s) {
        return new MemoryEstimate()
                .doubles("data (3·N·F)", MemoryEstimate.product(3, s.n, s.features))
                .doubles("network (6·P)", MemoryEstimate.product(6, s.parameters));
    }

    /**
     * One batch of {@code m} examples evaluated by {@code estimator} under a prior of
     * {@code prior} structure, added to {@code e}: the batch's passes through the network and the
     * estimator's declared working memory ({@link BoundEstimator#workingBytes}). An estimator that
     * prepares a batch chunk by chunk ({@link BoundEstimator#preparationChunk}, e.g. kron) traces
     * one chunk of {@code min(M, chunk)} examples at a time.
     */
    static MemoryEstimate batch(MemoryEstimate e, Shapes s, BoundEstimator<?> estimator, PriorStructure prior,
                                long m) {
        long traced = Math.min(m, estimator.preparationChunk());
        e.doubles("batch Jacobian as per-layer cotangents (M·C·A)", MemoryEstimate.product(traced, s.outputs,
                s.activations));
        e.doubles("activations (3·M·A)", MemoryEstimate.product(3, traced, s.activations));
        return e.bytes(estimator.name() + " estimator on one batch", estimatorBytes(estimator, dimensions(s, prior, m)));
    }

    /**
     * The shapes the estimator's memory depends on, or {@code null} when a dimension exceeds an
     * {@code int} (no heap holds such a batch). The thin factor rank is taken as {@code C}, an
     * upper bound of every likelihood's ({@code C−1} for a softmax).
     */
    static BatchDimensions dimensions(Shapes s, PriorStructure prior, long m) {
        int[] groups = new int[s.parameterShapes.size()];
        int k = 0;
        for (int[] shape : s.parameterShapes.values()) {
            long size = MemoryEstimate.product(java.util.Arrays.stream(shape).asLongStream().toArray());
            if (size > Integer.MAX_VALUE) {
                return null;
            }
            groups[k++] = (int) size;
        }
        if (m > Integer.MAX_VALUE || s.outputs > Integer.MAX_VALUE || s.parameters > Integer.MAX_VALUE) {
            return null;
        }
        // As the library counts them: one kernel per hyperparameter of a prior constant on groups, none for a diagonal one.
        int kernels = switch (prior) {
            case SCALAR -> 1;
            case LAYERWISE -> groups.length;
            case DIAGONAL -> 0;
        };
        return new BatchDimensions((int) m, (int) s.outputs, (int) s.outputs, (int) s.parameters, groups, kernels);
    }

    /**
     * {@link BoundEstimator#workingBytes} of {@code d}, or {@link Long#MAX_VALUE} when {@code d} is
     * {@code null} or so large that the products an estimator forms ({@code (M·C)²}, {@code M·C·P},
     * {@code P²}, times a small factor and the number of kernels) could overflow a {@code long}:
     * such a batch is far beyond any heap, and an overflowed count must not pass as small.
     */
    private static long estimatorBytes(BoundEstimator<?> estimator, BatchDimensions d) {
        if (d == null) {
            return Long.MAX_VALUE;
        }
        double n = (double) d.rows();
        double p = d.parameters();
        double largest = Math.max(n * n, Math.max(n * p, p * p)) * 64.0 * (d.groupSizes().length + 1);
        if (largest >= Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, estimator.workingBytes(d));
    }

    /** One training step on {@code m} examples: the activations of the forward and backward passes, added to {@code e}. */
    static MemoryEstimate trainingStep(MemoryEstimate e, Shapes s, long m) {
        return e.doubles("training activations (3·M·A)", MemoryEstimate.product(3, m, s.activations));
    }

    /** The GLM predictive of {@code structure} (full, kron or diag) fitted on {@code n} training examples. */
    static MemoryEstimate predictive(MemoryEstimate e, Shapes s, String structure) {
        long rows = MemoryEstimate.saturatingMultiply(s.n, s.outputs);
        long p = s.parameters;
        switch (structure) {
            case "full" -> e.doubles("full predictive posterior", rows <= p
                    ? MemoryEstimate.saturatingAdd(MemoryEstimate.product(2, rows, p), square(rows)) : square(p));
            case "kron" -> e.doubles("Kronecker predictive posterior", MemoryEstimate.product(2, blocks(s, true)));
            case "diag" -> e.doubles("diagonal predictive posterior", MemoryEstimate.product(3, p));
            default -> { }
        }
        return e;
    }

    /** What {@link #require(MemoryEstimate, String)} advises changing besides the heap. */
    static final String BATCH_ADVICE = "a smaller --batch-size, another --estimator (the kernel and"
            + " parametric forms cost min(P², (M·C)²) per batch) or predictive structure (kron, diag)";

    /**
     * Refuses {@code estimate} if it does not fit the heap, naming the command and what to change.
     *
     * @throws org.jlaplace.bench.memory.InsufficientMemoryException (exit status 2)
     */
    static void require(MemoryEstimate estimate, String what) {
        require(estimate, what, BATCH_ADVICE);
    }

    /** As {@link #require(MemoryEstimate, String)} with {@code change} as the advice besides the heap. */
    static void require(MemoryEstimate estimate, String what, String change) {
        HeapBudget.ofRuntime().require(estimate, what, change);
    }

    /** Σ over parameter tensors of size² (block-diagonal) or out² + (size/out)² (Kronecker factors). */
    private static long blocks(Shapes s, boolean kronecker) {
        long sum = 0;
        for (int[] shape : s.parameterShapes.values()) {
            long size = 1;
            for (int d : shape) {
                size = MemoryEstimate.saturatingMultiply(size, d);
            }
            long out = shape[0];
            long in = shape.length > 1 ? size / out : 1;
            sum = MemoryEstimate.saturatingAdd(sum, kronecker ? MemoryEstimate.saturatingAdd(square(out), square(in))
                    : square(size));
        }
        return sum;
    }

    private static long square(long x) {
        return MemoryEstimate.saturatingMultiply(x, x);
    }
}
