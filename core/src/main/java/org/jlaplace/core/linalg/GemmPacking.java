package org.jlaplace.core.linalg;

/**
 * Copies a block of an operand into the panel layout that the micro-kernel reads: {@code count}
 * lines of {@code depth} elements, grouped {@code width} lines to a panel; within a panel the
 * element of line {@code r} at depth {@code p} lands at {@code p·width + r}. Panels follow each other
 * ({@code depth·width} elements apart). The lines missing from a last, partial panel are zero up to
 * the next multiple of {@code quantum} (at most {@code width}): the micro-kernel reads a partial panel
 * in whole vectors of {@code quantum} lines, whose extra products land in tile entries that are
 * dropped, and never reads the lines beyond.
 */
final class GemmPacking {

    /** Depths per block when lines are strided: {@code 32·NR} elements of a panel, a few KiB. */
    private static final int DEPTH_BLOCK = 32;

    private GemmPacking() {
    }

    /** The lines of a panel holding {@code lines} lines that are written: up to a multiple of {@code quantum}. */
    private static int padded(int lines, int width, int quantum) {
        return Math.min(width, (lines + quantum - 1) / quantum * quantum);
    }

    /**
     * Packs line {@code r}, depth {@code p} from {@code src[base + r·lineStride + p·depthStride]}.
     *
     * @return the number of elements written, {@code ceil(count / width)·width·depth}
     */
    static int pack(double[] src, int base, int lineStride, int depthStride, int count, int depth,
                    int width, int quantum, double[] dst, int dstOff) {
        if (lineStride == 1) {
            // Lines are contiguous at each depth: read each depth's row segment once, front to back
            // (one sequential stream the prefetcher follows, however many panels), dealing it out to the panels.
            int panels = (count + width - 1) / width;
            for (int p = 0; p < depth; p++) {
                int from = base + p * depthStride;
                int to = dstOff + p * width;
                for (int q = 0; q < panels; q++, from += width, to += width * depth) {
                    int lines = Math.min(width, count - q * width);
                    System.arraycopy(src, from, dst, to, lines);
                    for (int r = lines, padded = padded(lines, width, quantum); r < padded; r++) {
                        dst[to + r] = 0.0;
                    }
                }
            }
            return panels * width * depth;
        }
        int written = 0;
        for (int first = 0; first < count; first += width) {
            int lines = Math.min(width, count - first);
            int panel = dstOff + written;
            int lineBase = base + first * lineStride;
            // Depth is contiguous along each line: read a run of each line, write it with stride width,
            // a block of depths at a time so that the panel rows written stay in L1.
            int padded = padded(lines, width, quantum);
            for (int p0 = 0; p0 < depth; p0 += DEPTH_BLOCK) {
                int p1 = Math.min(depth, p0 + DEPTH_BLOCK);
                for (int r = 0; r < lines; r++) {
                    int from = lineBase + r * lineStride + p0 * depthStride;
                    for (int p = p0, to = panel + p0 * width + r; p < p1; p++, from += depthStride, to += width) {
                        dst[to] = src[from];
                    }
                }
                for (int r = lines; r < padded; r++) {
                    for (int p = p0, to = panel + p0 * width + r; p < p1; p++, to += width) {
                        dst[to] = 0.0;
                    }
                }
            }
            written += width * depth;
        }
        return written;
    }

    /**
     * As {@link #pack(double[], int, int, int, int, int, int, int, double[], int)} on {@code float[]}: the same
     * loops, repeated because Java has no generics over primitive arrays.
     *
     * @return the number of elements written, {@code ceil(count / width)·width·depth}
     */
    static int pack(float[] src, int base, int lineStride, int depthStride, int count, int depth,
                    int width, int quantum, float[] dst, int dstOff) {
        if (lineStride == 1) {
            // Lines are contiguous at each depth: read each depth's row segment once, front to back
            // (one sequential stream the prefetcher follows, however many panels), dealing it out to the panels.
            int panels = (count + width - 1) / width;
            for (int p = 0; p < depth; p++) {
                int from = base + p * depthStride;
                int to = dstOff + p * width;
                for (int q = 0; q < panels; q++, from += width, to += width * depth) {
                    int lines = Math.min(width, count - q * width);
                    System.arraycopy(src, from, dst, to, lines);
                    for (int r = lines, padded = padded(lines, width, quantum); r < padded; r++) {
                        dst[to + r] = 0.0f;
                    }
                }
            }
            return panels * width * depth;
        }
        int written = 0;
        for (int first = 0; first < count; first += width) {
            int lines = Math.min(width, count - first);
            int panel = dstOff + written;
            int lineBase = base + first * lineStride;
            // Depth is contiguous along each line: read a run of each line, write it with stride width,
            // a block of depths at a time so that the panel rows written stay in L1.
            int padded = padded(lines, width, quantum);
            for (int p0 = 0; p0 < depth; p0 += DEPTH_BLOCK) {
                int p1 = Math.min(depth, p0 + DEPTH_BLOCK);
                for (int r = 0; r < lines; r++) {
                    int from = lineBase + r * lineStride + p0 * depthStride;
                    for (int p = p0, to = panel + p0 * width + r; p < p1; p++, from += depthStride, to += width) {
                        dst[to] = src[from];
                    }
                }
                for (int r = lines; r < padded; r++) {
                    for (int p = p0, to = panel + p0 * width + r; p < p1; p++, to += width) {
                        dst[to] = 0.0f;
                    }
                }
            }
            written += width * depth;
        }
        return written;
    }
}
