package org.jlaplace.bench.cli;

import java.util.Map;
import org.jlaplace.autodiff.io.ModelSpec;
import org.jlaplace.bench.memory.HeapBudget;
import org.jlaplace.bench.memory.MemoryEstimate;

/**
 * Peak-heap estimates of the commands from their shapes, checked before the large allocations.
 * Notation: {@code N} examples of {@code F} input values, {@code C} outputs, {@code P} parameters,
 * {@code A} activations per example (every layer's output, input included), batch size {@code M}.
 * Every part counts doubles:
 * <ul>
 *   <li>data: {@code 3·N·F} (as read, scaled or standardised, and the flat copy of the linearisation);</li>
 *   <li>network: {@code 6·P} (parameters, gradients, optimiser moments, the linearisation point);</li>
 *   <li>batch Jacobian: {@code M·C×P}, and the activations of its passes {@code 3·M·A};</li>
 *   <li>a training step on {@code B} examples: {@code 3·B·A};</li>
 *   <li>batch log-determinant: {@code 2·min(P², (M·C)²)} for the kernel, outputwise, trace-kernel,
 *       parametric and exact bounds (the matrix and its factor, in the smaller of the two equal
 *       forms: Sylvester's determinant identity); {@code 2·Σ size(W)²} for blockdiag,
 *       {@code 2·Σ (out² + in²)} for kron, {@code 3·P} for diag;</li>
 *   <li>the {@code bounds} grid keeps every batch's statistics: {@code ⌈N/M⌉·min(P², (M·C)²)} per
 *       estimator and batch size;</li>
 *   <li>the full GLM predictive: {@code 2·NC·P + (NC)²} when {@code NC ≤ P}, else {@code P²}; kron
 *       its Kronecker factors; diag {@code P}.</li>
 * </ul>
 * The estimate covers the arrays that dominate; {@link HeapBudget} keeps headroom for the rest.
 */
final class MemoryPlanner {
    /** Examples per chunk where a computation over all data is done in chunks (exact, predictive). */
    static final long CHUNK = 256;

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

    /** One batch of {@code m} examples evaluated by {@code estimator}, added to {@code e}. */
    static MemoryEstimate batch(MemoryEstimate e, Shapes s, String estimator, long m) {
        long mc = MemoryEstimate.saturatingMultiply(m, s.outputs);
        long p = s.parameters;
        long jacobianRows = estimator.equals("exact") && square(p) <= square(mc)
                ? Math.min(mc, CHUNK * s.outputs) : mc;
        e.doubles("batch Jacobian (M·C×P)", MemoryEstimate.saturatingMultiply(jacobianRows, p));
        e.doubles("activations (3·M·A)", MemoryEstimate.product(3, Math.min(m, jacobianRows), s.activations));
        switch (estimator) {
            case "diag" -> e.doubles("diagonal curvature (3·P)", MemoryEstimate.saturatingMultiply(3, p));
            case "blockdiag" -> e.doubles("layer blocks (2·Σ size²)", MemoryEstimate.product(2, blocks(s, false)));
            case "kron" -> e.doubles("Kronecker factors (2·Σ out²+in²)", MemoryEstimate.product(2, blocks(s, true)));
            default -> e.doubles("log-determinant, the smaller form (2·min(P², (M·C)²))",
                    MemoryEstimate.saturatingMultiply(2, Math.min(square(p), square(mc))));
        }
        return e;
    }

    /** One training step on {@code m} examples: the activations of the forward and backward passes, added to {@code e}. */
    static MemoryEstimate trainingStep(MemoryEstimate e, Shapes s, long m) {
        return e.doubles("training activations (3·M·A)", MemoryEstimate.product(3, m, s.activations));
    }

    /** The statistics the bounds grid keeps per batch, for {@code ⌈N/m⌉} batches. */
    static MemoryEstimate keptStatistics(MemoryEstimate e, Shapes s, String estimator, long m) {
        long mc = MemoryEstimate.saturatingMultiply(m, s.outputs);
        long batches = (s.n + m - 1) / m;
        long per = switch (estimator) {
            case "diag" -> s.parameters;
            case "blockdiag" -> blocks(s, false);
            case "kron" -> blocks(s, true);
            default -> Math.min(square(s.parameters), square(mc));
        };
        return e.doubles("statistics kept for the grid (⌈N/M⌉ batches)", MemoryEstimate.saturatingMultiply(batches, per));
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

    /**
     * Refuses {@code estimate} if it does not fit the heap, naming the command and what to change.
     *
     * @throws org.jlaplace.bench.memory.InsufficientMemoryException (exit status 2)
     */
    static void require(MemoryEstimate estimate, String what) {
        require(estimate, what, "a smaller --batch-size, another --estimator (the kernel and"
                + " parametric forms cost min(P², (M·C)²) per batch) or predictive structure (kron, diag)");
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
