package io.github.diffusionnlp.model;

import ai.djl.ndarray.types.DataType;
import io.github.diffusionnlp.corpus.Visible;
import java.util.Locale;

/**
 * The number format the transformer body runs in at inference. {@code fp16} is for GPUs (half the
 * memory traffic, tensor cores); the vocabulary side — logits, softmax, x̂₀ — always stays in fp32,
 * where 12,000-way softmaxes and their small probabilities need the range.
 *
 * <p>No bf16: DJL 0.36's PyTorch engine aborts the whole JVM ("terminate called without an active
 * exception") on creating or casting to a bfloat16 array, on CPU at least, so it is refused by name.
 */
public enum Precision {
    FP32(DataType.FLOAT32), FP16(DataType.FLOAT16);

    public static final String ALLOWED = "fp32 or fp16";

    private final DataType dataType;

    Precision(DataType dataType) {
        this.dataType = dataType;
    }

    public DataType dataType() {
        return dataType;
    }

    /** Parses fp32 / fp16 (case-insensitive), naming the allowed values otherwise. */
    public static Precision parse(String name) {
        String p = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        if (p.equals("BF16")) {
            throw new IllegalArgumentException("precision 'bf16' is not available: DJL 0.36's PyTorch engine aborts"
                    + " the JVM on bfloat16 arrays; allowed: " + ALLOWED);
        }
        for (Precision value : values()) {
            if (value.name().equals(p)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown precision '" + Visible.of(String.valueOf(name)) + "'; allowed: "
                + ALLOWED);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
