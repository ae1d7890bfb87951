package org.jlaplace.bench.memory;

import java.util.Locale;

/**
 * Compares a peak-heap estimate with the heap the JVM may use ({@link Runtime#maxMemory()}) and
 * refuses, before anything large is allocated, work that cannot fit. The estimates are of the
 * arrays that dominate (8 bytes per double); the JVM needs headroom beyond them, so an estimate
 * is accepted only up to {@value #USABLE_FRACTION} of the heap.
 */
public final class HeapBudget {
    /** Fraction of the maximum heap an estimate may use (the rest is headroom for the GC and small objects). */
    public static final double USABLE_FRACTION = 0.85;

    /** Advice shared by every refusal and by the OutOfMemoryError message. */
    public static final String HEAP_ADVICE = "JLAPLACE_JAVA_OPTS=-Xmx<size> (e.g. -Xmx8g) raises the heap";

    private final long maxHeap;

    /** A budget of {@code maxHeap} bytes. */
    public HeapBudget(long maxHeap) {
        this.maxHeap = maxHeap;
    }

    /** The budget of this JVM. */
    public static HeapBudget ofRuntime() {
        return new HeapBudget(Runtime.getRuntime().maxMemory());
    }

    /** The heap the JVM may use, in bytes. */
    public long maxHeap() {
        return maxHeap;
    }

    /** Whether {@code bytes} fit. */
    public boolean fits(long bytes) {
        return bytes >= 0 && bytes <= (long) (maxHeap * USABLE_FRACTION);
    }

    /**
     * Checks that {@code estimate} fits.
     *
     * @param what   the work, e.g. "evidence --estimator kernel --batch-size 1797"
     * @param change what the user may change besides the heap, e.g. "a smaller --batch-size"
     * @throws InsufficientMemoryException with the estimate, the heap and the advice
     */
    public void require(MemoryEstimate estimate, String what, String change) {
        if (!fits(estimate.total())) {
            throw new InsufficientMemoryException(what + " needs an estimated " + bytes(estimate.total())
                    + " of heap (" + estimate.breakdown() + ") but the heap is " + bytes(maxHeap)
                    + "; use " + (change == null || change.isEmpty() ? "" : change + ", or ") + HEAP_ADVICE);
        }
    }

    /** {@code n} bytes in the largest unit that keeps a number ≥ 1 (B, KB, MB, GB, TB; powers of 1024). */
    public static String bytes(long n) {
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? n + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
