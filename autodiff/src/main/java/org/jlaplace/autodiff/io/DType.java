package org.jlaplace.autodiff.io;

/**
 * The safetensors element types this library reads and writes: IEEE-754 binary32 ({@code F32})
 * and binary64 ({@code F64}), little-endian. Values are always handled as {@code double} in
 * memory; F32 storage rounds to nearest on writing and is exact on reading.
 */
public enum DType {
    F32(4),
    F64(8);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** The name written in a safetensors header ("F32", "F64"). */
    public String headerName() {
        return name();
    }
}
