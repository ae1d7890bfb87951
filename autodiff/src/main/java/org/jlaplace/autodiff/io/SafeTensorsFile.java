package org.jlaplace.autodiff.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The content of a safetensors file: its tensors (in the order of their data in the file) and
 * the optional string-to-string {@code __metadata__}.
 */
public final class SafeTensorsFile {

    private final Map<String, SafeTensor> tensors;
    private final Map<String, String> metadata;

    /**
     * @throws IllegalArgumentException if two tensors share a name
     */
    public SafeTensorsFile(List<SafeTensor> tensors, Map<String, String> metadata) {
        Map<String, SafeTensor> byName = new LinkedHashMap<>();
        for (SafeTensor t : tensors) {
            if (byName.put(t.name(), t) != null) {
                throw new IllegalArgumentException("safetensors: duplicate tensor name \"" + t.name() + "\"");
            }
        }
        this.tensors = Collections.unmodifiableMap(byName);
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The tensors in file order. */
    public List<SafeTensor> tensors() {
        return List.copyOf(tensors.values());
    }

    /** The tensor names in file order. */
    public Set<String> names() {
        return tensors.keySet();
    }

    /** The tensor named {@code name}, or {@code null}. */
    public SafeTensor get(String name) {
        return tensors.get(name);
    }

    /** The {@code __metadata__} entries (empty if the file had none). */
    public Map<String, String> metadata() {
        return metadata;
    }
}
