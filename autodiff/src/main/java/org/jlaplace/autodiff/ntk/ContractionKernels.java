package org.jlaplace.autodiff.ntk;

import java.util.ArrayList;
import java.util.List;
import org.jlaplace.core.linalg.Syrk;

/** {@link NtkMethod#CONTRACTION}: {@code K_g = J_g J_gᵀ} by SYRK on each group's materialised Jacobian. */
final class ContractionKernels {
    private ContractionKernels() {
    }

    static GroupKernels perGroup(BatchFactors f) {
        int n = f.rows;
        List<String> names = new ArrayList<>();
        double[][] kernels = new double[f.groups().size()][];
        for (int g = 0; g < kernels.length; g++) {
            int pg = f.groupSize(g);
            double[] jg = new double[n * pg];
            f.fillJacobian(g, jg, 0, pg);
            double[] k = new double[n * n];
            Syrk.syrk(false, n, pg, 1.0, jg, 0, pg, 0.0, k, 0, n);
            Syrk.symmetrizeLower(k, 0, n, n);
            kernels[g] = k;
            names.add(f.groups().get(g).name());
        }
        return new GroupKernels(names, kernels, n);
    }

    /** {@code Σ_g s_g J_g J_gᵀ}, accumulated group by group so that one group's Jacobian is held at a time. */
    static double[] total(BatchFactors f, double[] scales) {
        int n = f.rows;
        double[] k = new double[n * n];
        for (int g = 0; g < f.groups().size(); g++) {
            int pg = f.groupSize(g);
            double[] jg = new double[n * pg];
            f.fillJacobian(g, jg, 0, pg);
            Syrk.syrk(false, n, pg, scales[g], jg, 0, pg, 1.0, k, 0, n);
        }
        Syrk.symmetrizeLower(k, 0, n, n);
        return k;
    }
}
