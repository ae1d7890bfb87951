package org.jlaplace.core.kernels;

import java.util.Locale;

/**
 * Chooses the kernel implementation once per JVM. The Vector API implementation is used when the
 * module {@code jdk.incubator.vector} is in the boot layer (the JVM was started with
 * {@code --add-modules jdk.incubator.vector}); otherwise the scalar kernels are used and one warning
 * says how to enable the fast path. The system property {@code jlaplace.kernels=scalar|simd} forces
 * either choice. The SIMD class is loaded reflectively, so a program started without the module
 * never links against it. The float32 kernels ({@link #floats()}) follow the same choice.
 */
public final class KernelProvider {

    /** System property that forces the implementation: {@code scalar} or {@code simd}. */
    public static final String PROPERTY = "jlaplace.kernels";

    static final String VECTOR_MODULE = "jdk.incubator.vector";
    static final String SIMD_CLASS = "org.jlaplace.core.internal.vector.SimdVectorKernels";
    static final String SIMD_FLOAT_CLASS = "org.jlaplace.core.internal.vector.SimdFloatKernels";

    private static final System.Logger LOG = System.getLogger(KernelProvider.class.getName());

    private KernelProvider() {
    }

    /** The kernels chosen for this JVM (SIMD when available, else scalar). */
    public static VectorKernels get() {
        if (Holder.FAILURE != null) {
            throw new IllegalStateException(Holder.FAILURE);
        }
        return Holder.INSTANCE;
    }

    /** The scalar twin, whatever {@link #get()} chose; for tests and benchmarks. */
    public static VectorKernels scalar() {
        return ScalarVectorKernels.INSTANCE;
    }

    /**
     * The float32 kernels for this JVM: the Vector API float kernels exactly when {@link #get()}
     * chose the SIMD kernels, else the scalar float twin (same property, same single warning).
     */
    public static FloatKernels floats() {
        if (Holder.FAILURE != null) {
            throw new IllegalStateException(Holder.FAILURE);
        }
        return Holder.FLOATS;
    }

    /** The scalar float32 twin, whatever {@link #floats()} chose; for tests and benchmarks. */
    public static FloatKernels scalarFloats() {
        return ScalarFloatKernels.INSTANCE;
    }

    /** Whether the Vector API module is in the boot layer of this JVM. */
    public static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /** The lazy holder: the choice (and its one warning) happens on first use only. */
    private static final class Holder {
        static final VectorKernels INSTANCE;
        static final FloatKernels FLOATS;
        static final String FAILURE;

        static {
            VectorKernels chosen = null;
            FloatKernels floats = null;
            String failure = null;
            try {
                chosen = choose(System.getProperty(PROPERTY), vectorModulePresent());
                floats = chooseFloats(chosen);
            } catch (IllegalArgumentException | IllegalStateException e) {
                // Kept as a message: get() rethrows it on every call instead of a bare NoClassDefFoundError.
                failure = e.getMessage();
            }
            INSTANCE = chosen;
            FLOATS = floats;
            FAILURE = failure;
        }
    }

    /**
     * The choice rule, separated from the JVM state so that tests can exercise it.
     *
     * @param forced the value of {@value #PROPERTY}, or {@code null}
     * @param moduleInBootLayer whether {@code jdk.incubator.vector} is resolved
     * @throws IllegalArgumentException for an unknown forced value
     * @throws IllegalStateException when SIMD is forced but cannot be loaded
     */
    static VectorKernels choose(String forced, boolean moduleInBootLayer) {
        String mode = forced == null ? "auto" : forced.trim().toLowerCase(Locale.ROOT);
        switch (mode) {
            case "scalar":
                return ScalarVectorKernels.INSTANCE;
            case "simd": {
                if (!moduleInBootLayer) {
                    throw new IllegalStateException("kernel provider: -D" + PROPERTY + "=simd but module "
                            + VECTOR_MODULE + " is not loaded; start the JVM with --add-modules " + VECTOR_MODULE);
                }
                try {
                    return loadSimd();
                } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
                    throw new IllegalStateException("kernel provider: -D" + PROPERTY + "=simd but " + SIMD_CLASS
                            + " could not be loaded: " + e, e);
                }
            }
            case "auto":
            case "": {
                String reason = "module " + VECTOR_MODULE + " is not loaded";
                if (moduleInBootLayer) {
                    try {
                        return loadSimd();
                    } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
                        reason = SIMD_CLASS + " could not be loaded (" + e + ")";
                    }
                }
                LOG.log(System.Logger.Level.WARNING, "jlaplace: using the scalar kernels (several times slower) because "
                        + reason + "; start the JVM with --add-modules " + VECTOR_MODULE);
                return ScalarVectorKernels.INSTANCE;
            }
            default:
                throw new IllegalArgumentException("kernel provider: unknown value '" + forced + "' of -D"
                        + PROPERTY + " (expected scalar or simd)");
        }
    }

    /**
     * The float32 kernels that go with the chosen double kernels: the scalar twin with the scalar
     * kernels, else the Vector API float kernels (loaded like the double ones, so the module is there).
     *
     * @throws IllegalStateException when the SIMD double kernels loaded but the float ones cannot be
     */
    static FloatKernels chooseFloats(VectorKernels chosen) {
        if (chosen == ScalarVectorKernels.INSTANCE) {
            return ScalarFloatKernels.INSTANCE;
        }
        try {
            return (FloatKernels) Class.forName(SIMD_FLOAT_CLASS).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            throw new IllegalStateException("kernel provider: the SIMD kernels loaded but " + SIMD_FLOAT_CLASS
                    + " could not be loaded: " + e, e);
        }
    }

    /** Loads the Vector API kernels by name, so that this class never links against them. */
    private static VectorKernels loadSimd() throws ReflectiveOperationException {
        Class<?> type = Class.forName(SIMD_CLASS);
        return (VectorKernels) type.getDeclaredConstructor().newInstance();
    }
}
