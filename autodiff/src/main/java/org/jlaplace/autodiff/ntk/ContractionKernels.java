package org.jlaplace.autodiff.ntk;

import java.util.ArrayList;
import java.util.List;
import org.jlaplace.core.linalg.Syrk;

/**
 * {@link NtkMethod#CONTRACTION}: {@code K_g = J_g J_gᵀ} by SYRK on each group's materialised
 * Jacobian, built in chunks of columns (output units) so that memory stays bounded.
 */
final class ContractionKernels {
    private ContractionKernels() {
    }

    /** Columns of a group's Jacobian held at once: bounds memory to about {@code N × 2^22/N} doubles. */
    private static final int CHUNK_ENTRIES = 1 << 22;

    static GroupKernels perGroup(BatchFactors f) {
        return perGroup(f, CHUNK_ENTRIES);
    }

    /** {@link #perGroup(BatchFactors)} holding at most about {@code chunkEntries} Jacobian entries at once. */
    static GroupKernels perGroup(BatchFactors f, int chunkEntries) {
        int n = f.rows;
        List<String> names = new ArrayList<>();
        double[][] kernels = new double[f.groups().size()][];
        for (int g = 0; g < kernels.length; g++) {
            double[] k = new double[n * n];
            addGroup(f, g, 1.0, k, chunkEntries);
            Syrk.symmetrizeLower(k, 0, n, n);
            kernels[g] = k;
            names.add(f.groups().get(g).name());
        }
        return new GroupKernels(names, kernels, n);
    }

    /** {@code Σ_g s_g J_g J_gᵀ}, accumulated chunk by chunk. */
    static double[] total(BatchFactors f, double[] scales) {
        int n = f.rows;
        double[] k = new double[n * n];
        for (int g = 0; g < f.groups().size(); g++) {
            if (scales[g] != 0.0) {
                addGroup(f, g, scales[g], k, CHUNK_ENTRIES);
            }
        }
        Syrk.symmetrizeLower(k, 0, n, n);
        return k;
    }

    /**
     * Lower triangle of {@code k += s · J_g J_gᵀ}, with {@code J_g} materialised a chunk of
     * columns at a time ({@code J_g J_gᵀ = Σ_chunks J_chunk J_chunkᵀ}).
     */
    private static void addGroup(BatchFactors f, int g, double scale, double[] k, int chunkEntries) {
        int n = f.rows;
        int units = f.units(g);
        int width = f.unitWidth(g);
        int unitsPerChunk = Math.max(1, Math.min(units, chunkEntries / Math.max(1, n * width)));
        double[] chunk = new double[n * unitsPerChunk * width];
        for (int u0 = 0; u0 < units; u0 += unitsPerChunk) {
            int u1 = Math.min(units, u0 + unitsPerChunk);
            int cols = (u1 - u0) * width;
            f.fillJacobian(g, u0, u1, chunk, 0, cols);
            Syrk.syrk(false, n, cols, scale, chunk, 0, cols, 1.0, k, 0, n);
        }
    }
}
